// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace memspec {

// Redacts credentials from text that came from a server or quotes it (error bodies, error headers, URLs): each of
// `secrets` (the token, a mirror's password) wherever it appears, the value after "Bearer " / "Basic ", strings
// shaped like a Hugging Face token (hf_…), and the user info of URLs (scheme://user:password@host).
QString redactSecrets(const QString &text, const QStringList &secrets = {});

} // namespace memspec
