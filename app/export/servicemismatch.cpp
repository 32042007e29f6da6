// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "servicemismatch.h"

#include <QSet>

namespace memspec {

namespace {

// "capability/text_embedding/stella.rs" (a file) or "capability/text_to_image/sd35/" (a folder) against a path
// relative to the source tree ("packages/candle/src/capability/text_embedding/stella.rs").
bool inSourceFile(const QString &relPath, const QString &sourceFile)
{
    if (sourceFile.isEmpty()) {
        return false;
    }
    const QString path = QLatin1Char('/') + relPath;
    const QString src = QLatin1Char('/') + sourceFile;
    return src.endsWith(QLatin1Char('/')) ? path.contains(src) : path.endsWith(src);
}

ServiceMismatch fromStatic(const RustStatic &s)
{
    ServiceMismatch m;
    m.kind = ServiceMismatch::Kind::StaticWithoutModel;
    m.serviceKey = s.registryKey.value_or(QString());
    m.staticName = QString::fromUtf8(s.name);
    m.file = s.file;
    m.line = s.line;
    return m;
}

QString nameFromRepo(const QString &repo)
{
    return repo.section(QLatin1Char('/'), -1);
}

} // namespace

QString ServiceMismatch::kindTitle() const
{
    switch (kind) {
    case Kind::RepoDiffers:
        return QStringLiteral("repo differs");
    case Kind::ModelWithoutStatic:
        return QStringLiteral("model without a static");
    case Kind::StaticWithoutModel:
        break;
    }
    return QStringLiteral("static without a model");
}

QString ServiceMismatch::describe() const
{
    const QString site = QStringLiteral("%1:%2 %3").arg(RustPatchPlan::printableName(file)).arg(line).arg(staticName);
    switch (kind) {
    case Kind::RepoDiffers:
        return QStringLiteral("repo differs: the registry's %1 is %2, the service's %3 has registry_key \"%4\"")
            .arg(modelName, modelKey, site, RustPatchPlan::printableName(serviceKey));
    case Kind::ModelWithoutStatic:
        return QStringLiteral(
                   "model without a static: %1 (no CandleModelInfo static with a readable registry_key names it or "
                   "an alias)")
            .arg(modelKey);
    case Kind::StaticWithoutModel:
        break;
    }
    if (serviceKey.isEmpty()) {
        return QStringLiteral("static without a model: %1 (its registry_key is not a string literal that can be read)")
            .arg(site);
    }
    return QStringLiteral("static without a model: %1 (registry_key \"%2\" is not in the registry)")
        .arg(site, RustPatchPlan::printableName(serviceKey));
}

QList<ServiceMismatch> ServiceMismatches::find(const RustPatchPlan &plan, const QList<ModelReview> &reviews)
{
    QList<ServiceMismatch> out;
    QSet<int> paired; // indexes into plan.staticsWithoutModel
    for (const QString &key : plan.modelsWithoutStatic) {
        const ModelReview *review = nullptr;
        for (const ModelReview &r : reviews) {
            if (r.entry.key == key) {
                review = &r;
            }
        }
        ServiceMismatch m;
        m.modelKey = key;
        m.modelName = review && !review->entry.name.isEmpty() ? review->entry.name : key;
        // The one unmatched static in the model's own source file is the service's version of this model.
        int candidate = -1;
        int candidates = 0;
        for (int i = 0; review && i < plan.staticsWithoutModel.size(); ++i) {
            if (!paired.contains(i) && inSourceFile(plan.staticsWithoutModel.at(i).file, review->entry.sourceFile)) {
                candidate = i;
                ++candidates;
            }
        }
        if (candidates == 1) {
            const RustStatic &s = plan.staticsWithoutModel.at(candidate);
            paired.insert(candidate);
            m.kind = ServiceMismatch::Kind::RepoDiffers;
            m.serviceKey = s.registryKey.value_or(QString());
            m.staticName = QString::fromUtf8(s.name);
            m.file = s.file;
            m.line = s.line;
        } else {
            m.kind = ServiceMismatch::Kind::ModelWithoutStatic;
        }
        out << m;
    }
    for (int i = 0; i < plan.staticsWithoutModel.size(); ++i) {
        if (!paired.contains(i)) {
            out << fromStatic(plan.staticsWithoutModel.at(i));
        }
    }
    return out;
}

Result<RegistryEntry> ServiceMismatches::adopted(const RegistryEntry &entry, const ServiceMismatch &mismatch)
{
    if (!mismatch.canAdopt()) {
        return Result<RegistryEntry>::failure(
            QStringLiteral("%1: only a repo that differs can be adopted from the service").arg(mismatch.describe()));
    }
    if (entry.key != mismatch.modelKey) {
        return Result<RegistryEntry>::failure(QStringLiteral("%1: the mismatch is about %2, not %3")
                                                  .arg(mismatch.describe(), mismatch.modelKey, entry.key));
    }
    const QString repo = mismatch.serviceKey;
    if (repo.count(QLatin1Char('/')) != 1 || repo.startsWith(QLatin1Char('/')) || repo.endsWith(QLatin1Char('/'))) {
        return Result<RegistryEntry>::failure(
            QStringLiteral("%1:%2 %3: registry_key \"%4\" is not a Hub repo (org/name)")
                .arg(mismatch.file)
                .arg(mismatch.line)
                .arg(mismatch.staticName, repo));
    }
    RegistryEntry e = entry;
    e.key = repo;
    e.name = nameFromRepo(repo);
    e.docFile = nameFromRepo(repo).toUpper().replace(QLatin1Char('_'), QLatin1Char('-')) + QStringLiteral(".md");
    e.aliases.clear(); // they named the old repo's mirrors
    for (WeightComponent &c : e.components) {
        if (c.repo.compare(entry.key, Qt::CaseInsensitive) == 0) {
            c.repo = repo;
        }
    }
    return e;
}

} // namespace memspec
