// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustlimitpatch.h"

#include "app/estimate/envelope.h"

namespace memspec {

namespace {

// The one run of digits (with `_` separators) inside an expression; false when there is none or more than one.
bool onlyInteger(const QByteArray &expr, qsizetype *start, qsizetype *end)
{
    qsizetype found = -1;
    qsizetype i = 0;
    while (i < expr.size()) {
        const char c = expr.at(i);
        const bool wordBefore =
            i > 0 && (std::isalnum(static_cast<unsigned char>(expr.at(i - 1))) || expr.at(i - 1) == '_');
        if (c >= '0' && c <= '9' && !wordBefore) {
            qsizetype j = i;
            while (j < expr.size() && ((expr.at(j) >= '0' && expr.at(j) <= '9') || expr.at(j) == '_')) {
                ++j;
            }
            if (found >= 0) {
                return false;
            }
            found = i;
            *start = i;
            *end = j;
            i = j;
            continue;
        }
        ++i;
    }
    return found >= 0;
}

} // namespace

std::optional<qint64> RustLimitPatch::tokensIn(const QByteArray &source, const RustStatic &site)
{
    const RustField *f = site.field(kField);
    if (!f) {
        return std::nullopt;
    }
    const QByteArray expr = source.mid(f->valueStart, f->valueEnd - f->valueStart);
    if (!expr.contains("NonZeroU32")) {
        return std::nullopt; // `None`, or a constant we do not evaluate
    }
    qsizetype s = 0;
    qsizetype e = 0;
    if (!onlyInteger(expr, &s, &e)) {
        return std::nullopt;
    }
    return RustScanner::integerValue(expr.mid(s, e - s));
}

std::optional<qint64> RustLimitPatch::limitFor(const ModelReview &review, bool allowUnapproved)
{
    if (!Envelope::adjustableFor(review.entry)) {
        return std::nullopt;
    }
    if (review.approved() && review.signOff) {
        const QJsonValue signedLimit =
            review.signOff->inputs.value(QLatin1String("parameters")).toObject().value(QLatin1String("context"));
        if (signedLimit.isDouble()) {
            return signedLimit.toInteger();
        }
    }
    if (review.approved() || allowUnapproved) {
        return review.estimate.parameters.context;
    }
    return std::nullopt;
}

QList<RustLimitPatch::Splice> RustLimitPatch::splices(const QByteArray &source, const RustStatic &site, qint64 tokens)
{
    const QByteArray number = QByteArray::number(tokens);
    const QByteArray fresh = "NonZeroU32::new(" + number + ")";
    if (const RustField *f = site.field(kField)) {
        const QByteArray expr = source.mid(f->valueStart, f->valueEnd - f->valueStart);
        qsizetype s = 0;
        qsizetype e = 0;
        if (expr.contains("NonZeroU32") && onlyInteger(expr, &s, &e)) {
            if (RustScanner::integerValue(expr.mid(s, e - s)) == tokens) {
                return {};
            }
            return {Splice{f->valueStart + s, f->valueStart + e, number}};
        }
        return {Splice{f->valueStart, f->valueEnd, fresh}};
    }
    // No field (the struct would not compile without it, but a trimmed copy may lack it): insert it after
    // registry_key, on the same line.
    const RustField *rk = site.field("registry_key");
    if (!rk) {
        return {};
    }
    if (rk->commaEnd >= 0) {
        return {Splice{rk->commaEnd, rk->commaEnd, QByteArray(" ") + kField + ": " + fresh + ","}};
    }
    return {Splice{rk->valueEnd, rk->valueEnd, QByteArray(", ") + kField + ": " + fresh}};
}

} // namespace memspec
