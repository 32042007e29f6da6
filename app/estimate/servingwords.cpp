// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/estimate/servingwords.h"

namespace memspec::serving {

const QStringList &runtimes()
{
    static const QStringList words{QStringLiteral("candle"), QStringLiteral("llama.cpp"), QStringLiteral("diffusers")};
    return words;
}

const QStringList &devices()
{
    static const QStringList words{QStringLiteral("cuda"), QStringLiteral("cpu")};
    return words;
}

const QStringList &kvTypes()
{
    static const QStringList words{QStringLiteral("f32"), QStringLiteral("f16"), QStringLiteral("bf16"),
                                   QStringLiteral("q8_0"), QStringLiteral("q4_0")};
    return words;
}

const QStringList &computeDtypes()
{
    static const QStringList words{QStringLiteral("f32"), QStringLiteral("f16"), QStringLiteral("bf16")};
    return words;
}

const QStringList &residencies()
{
    static const QStringList words{QStringLiteral("resident"), QStringLiteral("phased")};
    return words;
}

const QStringList &offloads()
{
    static const QStringList words{QStringLiteral("none"), QStringLiteral("model"), QStringLiteral("sequential")};
    return words;
}

QString alternatives(const QStringList &words)
{
    if (words.size() < 2) {
        return words.join(QString());
    }
    return words.mid(0, words.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + words.last();
}

} // namespace memspec::serving
