// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "secrets.h"

#include <QRegularExpression>

namespace memspec {

QString redactSecrets(const QString &text, const QStringList &secrets)
{
    QString out = text;
    for (const QString &s : secrets) {
        if (s.size() >= 4) { // a one-letter "password" would redact every such letter
            out.replace(s, QStringLiteral("[redacted]"));
        }
    }
    static const QRegularExpression scheme(QStringLiteral("\\b(Bearer|Basic|Token)\\s+[A-Za-z0-9._~+/=:-]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression hfToken(QStringLiteral("\\b(hf_|api_org_)[A-Za-z0-9]{4,}"));
    static const QRegularExpression userInfo(QStringLiteral("\\b([A-Za-z][A-Za-z0-9+.-]*://)[^/\\s@]+@"));
    out.replace(scheme, QStringLiteral("\\1 [redacted]"));
    out.replace(hfToken, QStringLiteral("\\1[redacted]"));
    out.replace(userInfo, QStringLiteral("\\1[redacted]@"));
    return out;
}

} // namespace memspec
