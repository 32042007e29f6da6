// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "rustpatcher.h"

#include "app/common/atomicfile.h"
#include "app/common/regularfile.h"
#include "app/export/exportlog.h"
#include "app/export/rustlimitpatch.h"
#include "app/export/unifieddiff.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <memory>

namespace memspec {

Q_LOGGING_CATEGORY(lcExport, "memspec.export")

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
        if (f->valueStart == f->nameStart) {
            // Shorthand `est_memory_allocation_mb,` (a local of that name): write the field out in full.
            out << Splice{f->nameStart, f->valueEnd, QByteArray(kField) + ": " + number};
        } else if (s.mid(f->valueStart, f->valueEnd - f->valueStart) != number) {
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

bool hasControlCharacter(const QString &name)
{
    for (const QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.category() == QChar::Other_Control) {
            return true;
        }
    }
    return false;
}

// A Rust file to scan: where its bytes are (a symlink inside the tree resolved to its target) and its name in
// reports and diff headers (relative to the tree).
struct RustFile
{
    QString path;
    QString rel;
};

// Every *.rs file under root except build output and hidden folders. Files whose name holds a control character
// (it would inject lines into the diff and the reports) and symlinks whose target is outside the tree (a patch must
// never write outside it) are skipped and reported. Devices and FIFOs are listed, so that reading them is refused
// with a message rather than skipped in silence.
QList<RustFile> rustFiles(const QString &root, QStringList *skipped)
{
    QList<RustFile> files;
    QSet<QString> seen;
    QStringList links;
    QDirIterator it(root, {QStringLiteral("*.rs")}, QDir::Files | QDir::System, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext()) {
        paths << it.next();
    }
    paths.sort();
    const QDir top(root);
    for (const QString &path : std::as_const(paths)) {
        const QString rel = top.relativeFilePath(path);
        if (rel.startsWith(QLatin1String("target/")) || rel.contains(QLatin1String("/target/")) || rel.startsWith(QLatin1Char('.'))) {
            continue;   // build output and hidden folders
        }
        if (hasControlCharacter(rel)) {
            *skipped << QStringLiteral("%1: the file name holds a control character; not read or written (rename it)")
                            .arg(RustPatchPlan::printableName(rel));
            continue;
        }
        const QFileInfo info(path);
        if (!info.isSymLink()) {
            seen.insert(path);
            files << RustFile{path, rel};
            continue;
        }
        links << path;
    }
    for (const QString &path : std::as_const(links)) {
        const QFileInfo info(path);
        const QString rel = top.relativeFilePath(path);
        const QString target = info.canonicalFilePath();
        if (target.isEmpty() || !target.startsWith(root + QLatin1Char('/'))) {
            *skipped << QStringLiteral("%1: a symbolic link to %2, outside the source tree; not read or written")
                            .arg(RustPatchPlan::printableName(rel),
                                 RustPatchPlan::printableName(target.isEmpty() ? info.symLinkTarget() + QStringLiteral(" (missing)") : target));
            continue;
        }
        if (seen.contains(target)) {
            continue;   // the file it points to is scanned (and patched) under its own name
        }
        const QString targetRel = top.relativeFilePath(target);
        if (hasControlCharacter(targetRel)) {
            *skipped << QStringLiteral("%1: a symbolic link to a file whose name holds a control character; not read or written")
                            .arg(RustPatchPlan::printableName(rel));
            continue;
        }
        seen.insert(target);
        files << RustFile{target, targetRel};
    }
    std::sort(files.begin(), files.end(), [](const RustFile &a, const RustFile &b) { return a.rel < b.rel; });
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

QString RustPatchPlan::printableName(const QString &name)
{
    QString out;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u == '\n') {
            out += QStringLiteral("\\n");
        } else if (u == '\r') {
            out += QStringLiteral("\\r");
        } else if (u == '\t') {
            out += QStringLiteral("\\t");
        } else if (u == '\\') {
            out += QStringLiteral("\\\\");
        } else if (u < 0x20 || u == 0x7f || c.category() == QChar::Other_Control) {
            out += QStringLiteral("\\u{%1}").arg(uint(u), 0, 16);
        } else {
            out += c;
        }
    }
    return out;
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
        if (!s.registryKey) {
            out << QStringLiteral("static without a model: %1:%2 %3 (its registry_key is not a string literal that can be read)")
                       .arg(printableName(s.file))
                       .arg(s.line)
                       .arg(QString::fromUtf8(s.name));
            continue;
        }
        out << QStringLiteral("static without a model: %1:%2 %3 (registry_key \"%4\" is not in the registry)")
                   .arg(printableName(s.file))
                   .arg(s.line)
                   .arg(QString::fromUtf8(s.name), printableName(*s.registryKey));
    }
    for (const QString &why : skipped) {
        out << QStringLiteral("file skipped: %1").arg(why);
    }
    for (const QString &why : unscannable) {
        out << QStringLiteral("file not scanned: %1").arg(why);
    }
    for (const QString &key : refusedModels()) {
        out << QStringLiteral("refused: %1 has no signed-off value (sign it off first)").arg(key);
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
    plan.sourceTree = rootInfo.canonicalFilePath();
    QSet<QString> matchedKeys;
    const QList<RustFile> files = rustFiles(plan.sourceTree, &plan.skipped);
    for (const QString &why : std::as_const(plan.skipped)) {
        qCInfo(lcExport).noquote() << "file skipped:" << why;
    }
    if (files.isEmpty() && plan.skipped.isEmpty()) {
        return Result<RustPatchPlan>::failure(
            QStringLiteral("%1: no Rust (.rs) files in this folder or below it; choose the service's checkout").arg(sourceTree));
    }
    for (const RustFile &rf : files) {
        const QString &path = rf.path;
        const QString &rel = rf.rel;
        auto read = readRegularFile(path, kMaxTextFileBytes);
        if (!read) {
            QString why = read.error();
            if (why.startsWith(path)) {
                why.replace(0, path.size(), RustPatchPlan::printableName(rel));
            }
            plan.unscannable << why;   // reported, never fatal
            continue;
        }
        const QByteArray before = read.value();
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
            m.currentTokens = RustLimitPatch::tokensIn(before, st);
            m.targetTokens = value ? RustLimitPatch::limitFor(*review, allowUnapproved) : std::nullopt;
            if (m.targetTokens) {
                for (const RustLimitPatch::Splice &sp : RustLimitPatch::splices(before, st, *m.targetTokens)) {
                    splices << Splice{sp.start, sp.end, sp.text};
                }
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
    std::vector<std::unique_ptr<AtomicFile>> staged;
    for (const RustFileEdit &e : plan.edits) {
        auto f = std::make_unique<AtomicFile>(e.path);
        QString what;
        if (!isAbsentOrRegular(e.path, &what) || !QFileInfo::exists(e.path)) {
            return Result<Done>::failure(QStringLiteral("%1: is now %2, not the file the diff was made from; preview the diff again "
                                                        "(no file was changed)")
                                             .arg(e.relPath, what.isEmpty() ? QStringLiteral("gone") : what));
        }
        auto written = f->stage(e.after);
        if (!written) {
            return Result<Done>::failure(QStringLiteral("%1 (no file was changed)").arg(written.error()));
        }
        staged.push_back(std::move(f));
    }
    // The plan is a promise about the bytes it was made from: a file edited since then is not overwritten.
    for (const RustFileEdit &e : plan.edits) {
        auto now = readRegularFile(e.path, kMaxTextFileBytes);
        if (!now || now.value() != e.before) {
            return Result<Done>::failure(QStringLiteral("%1: changed since the diff was made; preview the diff again (no file was changed)")
                                             .arg(e.relPath));
        }
    }
    for (size_t i = 0; i < staged.size(); ++i) {
        auto committed = staged[i]->commit();
        if (!committed) {
            return Result<Done>::failure(QStringLiteral("%1 (%2 of %3 files were written)").arg(committed.error()).arg(i).arg(staged.size()));
        }
    }
    return Done{};
}

} // namespace memspec
