// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustpatcher.h"

#include "app/export/unifieddiff.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <memory>

namespace memspec {

namespace {

constexpr const char *kField = "est_memory_allocation_mb";

struct Splice
{
    qsizetype start;
    qsizetype end;
    QByteArray text;
};

qsizetype lineStart(const QByteArray &s, qsizetype pos)
{
    const qsizetype nl = s.lastIndexOf('\n', pos - 1);
    return nl < 0 ? 0 : nl + 1;
}

// End of the line's content (before "\r\n" or "\n"), and the position after its terminator.
void lineEnd(const QByteArray &s, qsizetype pos, qsizetype *contentEnd, qsizetype *next)
{
    qsizetype nl = s.indexOf('\n', pos);
    if (nl < 0) {
        *contentEnd = *next = s.size();
        return;
    }
    *next = nl + 1;
    *contentEnd = (nl > 0 && s.at(nl - 1) == '\r') ? nl - 1 : nl;
}

bool blank(const QByteArray &s, qsizetype from, qsizetype to)
{
    for (qsizetype i = from; i < to; ++i) {
        if (s.at(i) != ' ' && s.at(i) != '\t') {
            return false;
        }
    }
    return true;
}

// The rest of the line after `pos`: blank, a `//` comment (its range returned), or something else (false).
bool restIsCommentOrBlank(const QByteArray &s, qsizetype pos, qsizetype *commentStart, qsizetype *commentEnd)
{
    qsizetype end = 0;
    qsizetype next = 0;
    lineEnd(s, pos, &end, &next);
    qsizetype i = pos;
    while (i < end && (s.at(i) == ' ' || s.at(i) == '\t')) {
        ++i;
    }
    *commentStart = *commentEnd = -1;
    if (i == end) {
        *commentStart = *commentEnd = end;   // empty: a comment would go here
        return true;
    }
    if (s.mid(i, 2) == "//") {
        *commentStart = i;
        *commentEnd = end;
        return true;
    }
    return false;
}

QList<Splice> splicesFor(const QByteArray &s, const RustStatic &st, qint64 value, const QByteArray &comment)
{
    QList<Splice> out;
    const QByteArray number = QByteArray::number(value);
    if (const RustField *f = st.field(kField)) {
        if (s.mid(f->valueStart, f->valueEnd - f->valueStart) != number) {
            out << Splice{f->valueStart, f->valueEnd, number};
        }
        qsizetype after = f->valueEnd;
        if (f->commaEnd >= 0) {
            // A comment between the value and its comma (`1600 /* 1.6 GB */,`) on the same line goes too.
            const qsizetype comma = f->commaEnd - 1;
            const QByteArray between = s.mid(f->valueEnd, comma - f->valueEnd);
            if (!between.trimmed().isEmpty() && !between.contains('\n')) {
                out << Splice{f->valueEnd, comma, QByteArray()};
            }
            after = f->commaEnd;
        }
        qsizetype cs = 0;
        qsizetype ce = 0;
        const bool ownLine = blank(s, lineStart(s, f->nameStart), f->nameStart);
        if (ownLine && restIsCommentOrBlank(s, after, &cs, &ce) && s.mid(cs, ce - cs) != comment) {
            const bool empty = cs == ce;
            out << Splice{empty ? after : cs, ce, empty ? QByteArray(" ") + comment : comment};
        }
        return out;
    }
    const RustField *rk = st.field("registry_key");
    if (!rk) {
        return out;   // not reached: statics are matched by registry_key
    }
    qsizetype after = rk->commaEnd;
    QByteArray comma;
    if (after < 0) {
        after = rk->valueEnd;
        comma = ",";
    }
    qsizetype cs = 0;
    qsizetype ce = 0;
    const qsizetype ls = lineStart(s, rk->nameStart);
    if (blank(s, ls, rk->nameStart) && restIsCommentOrBlank(s, after, &cs, &ce)) {
        qsizetype end = 0;
        qsizetype next = 0;
        lineEnd(s, after, &end, &next);
        const QByteArray eol = s.mid(end, next - end).isEmpty() ? QByteArray("\n") : s.mid(end, next - end);
        const QByteArray indent = s.mid(ls, rk->nameStart - ls);
        if (!comma.isEmpty()) {
            out << Splice{after, after, comma};
        }
        const QByteArray line = indent + kField + ": " + number + ", " + comment + eol;
        out << Splice{next, next, next == s.size() && !s.endsWith('\n') ? QByteArray(eol + line) : line};
    } else {
        out << Splice{after, after, comma + " " + kField + ": " + number + ","};
    }
    return out;
}

QByteArray applySplices(QByteArray s, QList<Splice> splices)
{
    std::sort(splices.begin(), splices.end(), [](const Splice &a, const Splice &b) { return a.start > b.start; });
    for (const Splice &sp : splices) {
        s.replace(sp.start, sp.end - sp.start, sp.text);
    }
    return s;
}

QStringList rustFiles(const QString &root)
{
    QStringList files;
    QDirIterator it(root, {QStringLiteral("*.rs")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString rel = QDir(root).relativeFilePath(path);
        if (rel.startsWith(QLatin1String("target/")) || rel.contains(QLatin1String("/target/")) || rel.startsWith(QLatin1Char('.'))) {
            continue;   // build output and hidden folders
        }
        files << path;
    }
    files.sort();
    return files;
}

} // namespace

std::optional<qint64> RustPatcher::valueFor(const ModelReview &review, bool allowUnapproved)
{
    if (review.approved()) {
        return review.signOff ? review.signOff->approvedMib : review.effectiveMib();
    }
    if (allowUnapproved) {
        return review.effectiveMib();
    }
    return std::nullopt;
}

QByteArray RustPatcher::provenanceComment(const ModelReview &review)
{
    QString text;
    if (review.approved() && review.signOff) {
        text = QStringLiteral("// MiB per worker; memspec: approved by %1, %2")
                   .arg(review.signOff->reviewer, review.signOff->when.toUTC().date().toString(Qt::ISODate));
    } else if (review.status == ReviewStatus::Stale) {
        text = QStringLiteral("// MiB per worker; memspec: stale sign-off, not re-approved");
    } else if (review.override) {
        text = QStringLiteral("// MiB per worker; memspec: override, not signed off");
    } else {
        text = QStringLiteral("// MiB per worker; memspec: estimated, not signed off");
    }
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.toUtf8();
}

QStringList RustPatchPlan::refusedModels() const
{
    QStringList out;
    for (const RustStaticMatch &m : matches) {
        if (m.refused && !out.contains(m.modelKey)) {
            out << m.modelKey;
        }
    }
    return out;
}

QByteArray RustPatchPlan::unifiedDiff() const
{
    QByteArray out;
    for (const RustFileEdit &e : edits) {
        out += UnifiedDiff::make(e.relPath, e.before, e.after);
    }
    return out;
}

QStringList RustPatchPlan::reportLines() const
{
    QStringList out;
    for (const QString &key : modelsWithoutStatic) {
        out << QStringLiteral("model without a static: %1 (no CandleModelInfo static has this registry_key or an alias)").arg(key);
    }
    for (const RustStatic &s : staticsWithoutModel) {
        out << QStringLiteral("static without a model: %1:%2 %3 (registry_key \"%4\" is not in the registry)")
                   .arg(s.file)
                   .arg(s.line)
                   .arg(QString::fromUtf8(s.name), s.registryKey.value_or(QStringLiteral("?")));
    }
    for (const QString &why : unscannable) {
        out << QStringLiteral("file not scanned: %1").arg(why);
    }
    for (const QString &key : refusedModels()) {
        out << QStringLiteral("refused: %1 has no signed-off value (approve it, or pass --allow-unapproved)").arg(key);
    }
    return out;
}

Result<RustPatchPlan> RustPatcher::plan(const QString &sourceTree, const QList<ModelReview> &reviews, bool allowUnapproved)
{
    const QFileInfo rootInfo(sourceTree);
    if (!rootInfo.isDir()) {
        return Result<RustPatchPlan>::failure(QStringLiteral("%1: not a directory").arg(sourceTree));
    }
    RustPatchPlan plan;
    plan.sourceTree = rootInfo.absoluteFilePath();
    QSet<QString> matchedKeys;
    const QStringList files = rustFiles(plan.sourceTree);
    if (files.isEmpty()) {
        return Result<RustPatchPlan>::failure(
            QStringLiteral("%1: no Rust (.rs) files in this folder or below it; choose the service's checkout").arg(sourceTree));
    }
    for (const QString &path : files) {
        const QString rel = QDir(plan.sourceTree).relativeFilePath(path);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return Result<RustPatchPlan>::failure(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
        }
        const QByteArray before = file.readAll();
        if (!before.contains("CandleModelInfo")) {
            continue;
        }
        auto statics = RustScanner::scan(before, rel);
        if (!statics) {
            plan.unscannable << statics.error();   // reported; the rest of the tree is still patched
            continue;
        }
        QList<Splice> splices;
        for (const RustStatic &st : statics.value()) {
            const ModelReview *review = nullptr;
            for (const ModelReview &r : reviews) {
                if (st.registryKey && r.entry.matches(*st.registryKey)) {
                    review = &r;
                    break;
                }
            }
            if (!review) {
                plan.staticsWithoutModel << st;
                continue;
            }
            RustStaticMatch m;
            m.site = st;
            m.modelKey = review->entry.key;
            matchedKeys.insert(review->entry.key);
            if (const RustField *f = st.field(kField)) {
                m.fieldPresent = true;
                m.current = RustScanner::integerValue(before.mid(f->valueStart, f->valueEnd - f->valueStart));
            }
            const std::optional<qint64> value = valueFor(*review, allowUnapproved);
            m.refused = !value;
            m.target = value.value_or(0);
            if (value) {
                splices << splicesFor(before, st, *value, provenanceComment(*review));
            }
            plan.matches << m;
        }
        const QByteArray after = applySplices(before, splices);
        if (after != before) {
            plan.edits << RustFileEdit{path, rel, before, after};
        }
    }
    for (const ModelReview &r : reviews) {
        if (!matchedKeys.contains(r.entry.key)) {
            plan.modelsWithoutStatic << r.entry.key;
        }
    }
    return plan;
}

Result<Done> RustPatcher::apply(const RustPatchPlan &plan)
{
    std::vector<std::unique_ptr<QSaveFile>> staged;
    for (const RustFileEdit &e : plan.edits) {
        auto f = std::make_unique<QSaveFile>(e.path);
        if (!f->open(QIODevice::WriteOnly) || f->write(e.after) != e.after.size()) {
            const QString why = f->errorString();
            for (auto &s : staged) {
                s->cancelWriting();
            }
            return Result<Done>::failure(QStringLiteral("%1: cannot write: %2 (no file was changed)").arg(e.path, why));
        }
        staged.push_back(std::move(f));
    }
    for (size_t i = 0; i < staged.size(); ++i) {
        if (!staged[i]->commit()) {
            return Result<Done>::failure(QStringLiteral("%1: cannot replace: %2 (%3 of %4 files were written)")
                                             .arg(staged[i]->fileName(), staged[i]->errorString())
                                             .arg(i)
                                             .arg(staged.size()));
        }
    }
    return Done{};
}

} // namespace memspec
