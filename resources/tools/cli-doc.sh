#!/bin/sh
# SPDX-FileCopyrightText: MemSpec Studio authors
# SPDX-License-Identifier: MIT
# Writes docs/cli.md from the program's own help, which the commands' declarations generate:
#   resources/tools/cli-doc.sh build/ci/app/memspec > docs/cli.md
set -eu
memspec="$1"
cat <<'HEADER'
# Command line reference

Generated from the commands' declarations (`app/cli/cmd_*.cpp`, one per command) by
`resources/tools/cli-doc.sh build/ci/app/memspec > docs/cli.md`; the test `CliSpec.ReferenceShowsTheGeneratedHelp`
fails when this file is stale. Exit codes: 0 success, 1 the command failed (the message says why), 2 bad usage
(an unknown command or option, a missing or bad value: the message names it).

The hub configuration is the studio's too (`HubConfig::resolve`): endpoint `--endpoint` > `HF_ENDPOINT` > the
studio's Settings > https://huggingface.co; offline `--offline`, `HF_HUB_OFFLINE` (1, true, yes or on) or the
Settings box; token `HF_TOKEN` > the Hugging Face token file > the OS keychain; cache folder `--cache-dir` > Settings
> ~/.cache/MemSpec/memspec/hub; retries `MEMSPEC_HUB_RETRIES`, `MEMSPEC_HUB_RETRY_DELAY` (seconds),
`HF_HUB_DOWNLOAD_TIMEOUT` (seconds); the deadline of each request `refresh --deadline` > `MEMSPEC_HUB_DEADLINE`
(seconds) > 30 s.
HEADER
printf '\n## memspec\n\n```text\n'
"$memspec" --help
printf '```\n'
for command in $("$memspec" --help | sed -n '/^Commands:/,/^$/p' | grep -E '^  [a-z]' | awk '{print $1}'); do
    printf '\n## memspec %s\n\n```text\n' "$command"
    "$memspec" "$command" --help
    printf '```\n'
done
