// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "gpucatalog.h"

#include "app/budget/budgetlog.h"
#include "app/common/units.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace memspec {

Q_LOGGING_CATEGORY(lcBudget, "memspec.budget")

namespace {

QString normalized(const QString &s)
{
    QString out;
    for (const QChar c : s) {
        if (c.isLetterOrNumber()) {
            out += c.toLower();
        }
    }
    return out;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> prev(b.size() + 1);
    QList<int> cur(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j) {
        prev[j] = j;
    }
    for (int i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace

QString GpuModel::label() const
{
    const QString suffix = QString::number(memoryGb) + QStringLiteral("GB");
    if (name.endsWith(suffix, Qt::CaseInsensitive)) {
        return name;
    }
    return name + QLatin1Char(' ') + suffix;
}

qint64 GpuModel::nominalMib() const
{
    return nominalBytes() / MiB;
}

double GpuModel::gib() const
{
    return double(mib()) / 1024.0;
}

Result<GpuCatalog> GpuCatalog::bundled()
{
    return fromFile(QStringLiteral(":/memspec/gpus.json"));
}

Result<GpuCatalog> GpuCatalog::fromFile(const QString &path)
{
    QFile f(path);
    auto catalog = f.open(QIODevice::ReadOnly)
                       ? fromJson(f.readAll(), path)
                       : Result<GpuCatalog>::failure(QStringLiteral("GPU catalog %1: %2").arg(path, f.errorString()));
    if (!catalog) {
        qCWarning(lcBudget).noquote() << catalog.error();
    }
    return catalog;
}

Result<GpuCatalog> GpuCatalog::fromJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (doc.isNull() || !doc.isObject()) {
        return Result<GpuCatalog>::failure(
            QStringLiteral("%1: not a JSON object (%2 at byte %3)").arg(origin, perr.errorString()).arg(perr.offset));
    }
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("unit")).toString() != QLatin1String("GB")) {
        return Result<GpuCatalog>::failure(QStringLiteral("%1: field \"unit\" must be \"GB\"").arg(origin));
    }
    GpuCatalog cat;
    cat.m_source = root.value(QStringLiteral("source")).toString();
    const QJsonArray gpus = root.value(QStringLiteral("gpus")).toArray();
    for (qsizetype i = 0; i < gpus.size(); ++i) {
        const QJsonObject g = gpus.at(i).toObject();
        const QString name = g.value(QStringLiteral("name")).toString();
        const QJsonArray mem = g.value(QStringLiteral("memory_gb")).toArray();
        if (name.isEmpty() || mem.isEmpty()) {
            return Result<GpuCatalog>::failure(
                QStringLiteral("%1: gpus[%2] needs a \"name\" and a non-empty \"memory_gb\"").arg(origin).arg(i));
        }
        const QJsonArray reported = g.value(QStringLiteral("reported")).toArray();
        for (const QJsonValue &m : mem) {
            const int gb = m.toInt(-1);
            if (gb <= 0 || gb > 1024 * 1024) {
                return Result<GpuCatalog>::failure(
                    QStringLiteral("%1: gpus[%2] (%3) has an invalid memory_gb entry").arg(origin).arg(i).arg(name));
            }
            GpuModel model{g.value(QStringLiteral("vendor")).toString(), name,
                           g.value(QStringLiteral("kind")).toString(QStringLiteral("gpu")), gb, 0, QString()};
            for (const QJsonValue &rv : reported) {
                const QJsonObject r = rv.toObject();
                if (r.value(QStringLiteral("memory_gb")).toInt(-1) != gb) {
                    continue;
                }
                const qint64 mib = r.value(QStringLiteral("mib")).toInteger(-1);
                const QString source = r.value(QStringLiteral("source")).toString();
                // A reported figure within 20 % of the nominal size: anything else is a typo in the catalog.
                if (mib <= 0 || source.isEmpty() || mib * 5 < model.nominalMib() * 4 || mib * 4 > model.nominalMib() * 5) {
                    return Result<GpuCatalog>::failure(
                        QStringLiteral("%1: gpus[%2] (%3 %4GB) has a \"reported\" entry without a plausible \"mib\" and a \"source\"")
                            .arg(origin)
                            .arg(i)
                            .arg(name)
                            .arg(gb));
                }
                model.reportedMib = mib;
                model.reportedSource = source;
            }
            cat.m_gpus.append(model);
        }
    }
    return cat;
}

Result<GpuModel> GpuCatalog::find(const QString &name) const
{
    const QString want = normalized(name);
    QList<GpuModel> byName;
    for (const GpuModel &g : m_gpus) {
        if (normalized(g.label()) == want) {
            return g;
        }
        if (normalized(g.name) == want) {
            byName.append(g);
        }
    }
    if (byName.size() == 1) {
        return byName.first();
    }
    QStringList options;
    for (const GpuModel &g : byName) {
        options << g.label();
    }
    if (options.isEmpty()) {
        options = closeMatches(name);
    }
    QString msg = QStringLiteral("unknown GPU \"%1\"").arg(name);
    if (byName.size() > 1) {
        msg = QStringLiteral("GPU \"%1\" comes with more than one memory size").arg(name);
    }
    if (!options.isEmpty()) {
        msg += QStringLiteral("; did you mean: ") + options.join(QStringLiteral(", "));
    }
    return Result<GpuModel>::failure(msg);
}

QStringList GpuCatalog::closeMatches(const QString &name, int max) const
{
    const QString want = normalized(name);
    if (want.isEmpty()) {
        return {};
    }
    struct Scored
    {
        int score;
        QString label;
    };
    QList<Scored> scored;
    for (const GpuModel &g : m_gpus) {
        const QString label = normalized(g.label());
        // A substring hit ranks ahead of any edit-distance match; shorter labels first among hits.
        const QString bare = normalized(g.name);
        const int score = label.contains(want) || (bare.size() >= 3 && want.contains(bare))
                              ? int(label.size() - want.size()) - 1000
                              : editDistance(want, label);
        scored.append({score, g.label()});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored &a, const Scored &b) { return a.score < b.score; });
    QStringList out;
    const int cutoff = std::max(3, int(want.size() / 2));
    for (const Scored &s : scored) {
        if (out.size() >= max || s.score > cutoff) {
            break;
        }
        if (!out.contains(s.label)) {
            out << s.label;
        }
    }
    return out;
}

} // namespace memspec
