// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// peak_rss OUT PROGRAM [ARGS...]: runs PROGRAM and writes its peak RSS in KiB (wait4's ru_maxrss) to OUT; exits
// with its exit code. runCli (tests/support/clirun.h) runs the CLI through it when CliOptions::measurePeakRss is
// set, because Linux counts, in a process's ru_maxrss, the RSS of the address space it was exec'ed from: the test
// process's own hundreds of MB would mask the CLI's. This helper is small, so what it forks starts small. PROGRAM
// dies with it (a test that times out kills this helper).
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: peak_rss OUT PROGRAM [ARGS...]\n");
        return 2;
    }
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) {
            _exit(127);
        }
        execv(argv[2], argv + 2);
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    if (pid < 0 || wait4(pid, &status, 0, &usage) != pid) {
        return 126;
    }
    if (std::FILE *out = std::fopen(argv[1], "w")) {
        std::fprintf(out, "%ld\n", usage.ru_maxrss);
        std::fclose(out);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
