// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "unifieddiff.h"

#include <QList>

#include <algorithm>
#include <vector>

namespace memspec {

namespace {

// Lines with their terminator, so a missing final newline is visible.
QList<QByteArray> splitLines(const QByteArray &text)
{
    QList<QByteArray> out;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype nl = text.indexOf('\n', start);
        const qsizetype end = nl < 0 ? text.size() : nl + 1;
        out << text.mid(start, end - start);
        start = end;
    }
    return out;
}

enum class Op { Keep, Del, Add };
struct Edit
{
    Op op;
    qsizetype a; // index in before (Keep/Del)
    qsizetype b; // index in after (Keep/Add)
};

// Beyond this many LCS cells (edits far apart in a long file), a greedy walk with a bounded look-ahead is used: the
// diff stays correct, only possibly longer than minimal.
constexpr qsizetype kMaxTable = 4'000'000;
constexpr qsizetype kLookAhead = 64;

QList<Edit> greedy(const QList<QByteArray> &a, const QList<QByteArray> &b, qsizetype pre, qsizetype suf)
{
    QList<Edit> out;
    qsizetype i = 0;
    qsizetype j = 0;
    const qsizetype aEnd = a.size() - suf;
    const qsizetype bEnd = b.size() - suf;
    while (i < aEnd || j < bEnd) {
        if (i < aEnd && j < bEnd && a.at(i) == b.at(j)) {
            out << Edit{Op::Keep, i++, j++};
            continue;
        }
        // The nearest resynchronisation: a run of added lines, or a run of deleted lines.
        qsizetype add = -1;
        for (qsizetype k = 1; i < aEnd && k <= kLookAhead && j + k < bEnd; ++k) {
            if (b.at(j + k) == a.at(i)) {
                add = k;
                break;
            }
        }
        qsizetype del = -1;
        for (qsizetype k = 1; j < bEnd && k <= kLookAhead && i + k < aEnd; ++k) {
            if (a.at(i + k) == b.at(j)) {
                del = k;
                break;
            }
        }
        if (add > 0 && (del < 0 || add <= del)) {
            while (add-- > 0) {
                out << Edit{Op::Add, -1, j++};
            }
        } else if (del > 0) {
            while (del-- > 0) {
                out << Edit{Op::Del, i++, -1};
            }
        } else {
            if (i < aEnd) {
                out << Edit{Op::Del, i++, -1};
            }
            if (j < bEnd) {
                out << Edit{Op::Add, -1, j++};
            }
        }
    }
    Q_UNUSED(pre)
    return out;
}

// Common prefix and suffix are trimmed first; the middle (small for the exporter's edits) gets an LCS table.
QList<Edit> diffLines(const QList<QByteArray> &a, const QList<QByteArray> &b)
{
    qsizetype pre = 0;
    while (pre < a.size() && pre < b.size() && a.at(pre) == b.at(pre)) {
        ++pre;
    }
    qsizetype suf = 0;
    while (suf < a.size() - pre && suf < b.size() - pre && a.at(a.size() - 1 - suf) == b.at(b.size() - 1 - suf)) {
        ++suf;
    }
    const qsizetype n = a.size() - pre - suf;
    const qsizetype m = b.size() - pre - suf;
    if (n * m > kMaxTable) {
        QList<Edit> out = greedy(a, b, pre, suf);
        for (qsizetype k = 0; k < suf; ++k) {
            out << Edit{Op::Keep, pre + n + k, pre + m + k};
        }
        return out;
    }
    std::vector<std::vector<int>> lcs(size_t(n + 1), std::vector<int>(size_t(m + 1), 0));
    for (qsizetype i = n - 1; i >= 0; --i) {
        for (qsizetype j = m - 1; j >= 0; --j) {
            lcs[size_t(i)][size_t(j)] = a.at(pre + i) == b.at(pre + j)
                                            ? lcs[size_t(i + 1)][size_t(j + 1)] + 1
                                            : std::max(lcs[size_t(i + 1)][size_t(j)], lcs[size_t(i)][size_t(j + 1)]);
        }
    }
    QList<Edit> out;
    for (qsizetype k = 0; k < pre; ++k) {
        out << Edit{Op::Keep, k, k};
    }
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a.at(pre + i) == b.at(pre + j)) {
            out << Edit{Op::Keep, pre + i, pre + j};
            ++i;
            ++j;
        } else if (i < n && (j == m || lcs[size_t(i + 1)][size_t(j)] >= lcs[size_t(i)][size_t(j + 1)])) {
            out << Edit{Op::Del, pre + i, -1};
            ++i;
        } else {
            out << Edit{Op::Add, -1, pre + j};
            ++j;
        }
    }
    for (qsizetype k = 0; k < suf; ++k) {
        out << Edit{Op::Keep, pre + n + k, pre + m + k};
    }
    return out;
}

void appendLine(QByteArray &out, char mark, const QByteArray &line)
{
    out += mark;
    out += line;
    if (!line.endsWith('\n')) {
        out += "\n\\ No newline at end of file\n";
    }
}

} // namespace

QByteArray UnifiedDiff::make(const QString &path, const QByteArray &before, const QByteArray &after, int context)
{
    if (before == after) {
        return {};
    }
    const QList<QByteArray> a = splitLines(before);
    const QList<QByteArray> b = splitLines(after);
    const QList<Edit> edits = diffLines(a, b);
    QByteArray out = "--- a/" + path.toUtf8() + "\n+++ b/" + path.toUtf8() + "\n";
    qsizetype k = 0;
    const qsizetype total = edits.size();
    while (k < total) {
        while (k < total && edits.at(k).op == Op::Keep) {
            ++k;
        }
        if (k >= total) {
            break;
        }
        // Extend a hunk from this change while changes stay within 2 × context of each other.
        qsizetype start = std::max<qsizetype>(0, k - context);
        qsizetype end = k;
        while (end < total) {
            qsizetype next = end;
            while (next < total && edits.at(next).op != Op::Keep) {
                ++next;
            }
            qsizetype keepRun = next;
            while (keepRun < total && edits.at(keepRun).op == Op::Keep) {
                ++keepRun;
            }
            if (keepRun < total && keepRun - next <= 2 * context) {
                end = keepRun;
                continue;
            }
            end = std::min(total, next + context);
            break;
        }
        qsizetype aStart = -1;
        qsizetype bStart = -1;
        qsizetype aCount = 0;
        qsizetype bCount = 0;
        QByteArray body;
        for (qsizetype e = start; e < end; ++e) {
            const Edit &ed = edits.at(e);
            if (ed.op != Op::Add) {
                aStart = aStart < 0 ? ed.a : aStart;
                ++aCount;
            }
            if (ed.op != Op::Del) {
                bStart = bStart < 0 ? ed.b : bStart;
                ++bCount;
            }
            appendLine(body,
                       ed.op == Op::Keep  ? ' '
                       : ed.op == Op::Del ? '-'
                                          : '+',
                       ed.op == Op::Add ? b.at(ed.b) : a.at(ed.a));
        }
        // Line numbers are 1-based; an empty side points at the line before it.
        auto range = [&](qsizetype first, qsizetype count, qsizetype fallbackBefore) -> QByteArray {
            const qsizetype line = count == 0 ? fallbackBefore : first + 1;
            return QByteArray::number(line) + ',' + QByteArray::number(count);
        };
        qsizetype aBefore = 0;
        qsizetype bBefore = 0;
        for (qsizetype e = 0; e < start; ++e) {
            aBefore += edits.at(e).op != Op::Add ? 1 : 0;
            bBefore += edits.at(e).op != Op::Del ? 1 : 0;
        }
        out += "@@ -" + range(aStart, aCount, aBefore) + " +" + range(bStart, bCount, bBefore) + " @@\n";
        out += body;
        k = end;
    }
    return out;
}

} // namespace memspec
