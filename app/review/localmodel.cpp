// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "localmodel.h"

#include "app/formats/safetensorsindex.h"
#include "app/formats/weightheaderparser.h"
#include "app/review/registryedit.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace memspec {

namespace {

using R = Result<LocalModel>;
constexpr qint64 kMaxConfigBytes = 16LL * 1024 * 1024;

const QString kNotAModel = QStringLiteral(
    "%1: not a model (give a .gguf or .safetensors file, a model.safetensors.index.json, or a downloaded repo folder "
    "with config.json and its weights)");

Result<QByteArray> readSmall(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return Result<QByteArray>::failure(QStringLiteral("%1: %2").arg(path, f.errorString()));
    }
    if (f.size() > kMaxConfigBytes) {
        return Result<QByteArray>::failure(
            QStringLiteral("%1: %2 bytes is too large for a model's JSON file").arg(path).arg(f.size()));
    }
    return f.readAll();
}

// The parts of a split GGUF ("name-00001-of-00003.gguf"), all of which must be present.
Result<QStringList> ggufParts(const QFileInfo &file)
{
    static const QRegularExpression split(QStringLiteral("^(.*)-(\\d{5})-of-(\\d{5})\\.gguf$"),
                                          QRegularExpression::CaseInsensitiveOption);
    const auto m = split.match(file.fileName());
    if (!m.hasMatch()) {
        return QStringList{file.fileName()};
    }
    const int count = m.captured(3).toInt();
    if (count < 1 || count > 999) {
        return Result<QStringList>::failure(
            QStringLiteral("%1: a split GGUF of %2 parts is not plausible").arg(file.filePath()).arg(count));
    }
    QStringList parts;
    for (int i = 1; i <= count; ++i) {
        const QString name =
            QStringLiteral("%1-%2-of-%3.gguf").arg(m.captured(1)).arg(i, 5, 10, QLatin1Char('0')).arg(m.captured(3));
        if (!file.dir().exists(name)) {
            return Result<QStringList>::failure(QStringLiteral("%1: part %2 of %3 of this split GGUF (%4) is missing")
                                                    .arg(file.filePath())
                                                    .arg(i)
                                                    .arg(count)
                                                    .arg(name));
        }
        parts << name;
    }
    return parts;
}

// A folder's files as a hub listing (top level and one level down), for RegistryEdit::pick.
QJsonArray folderListing(const QDir &dir)
{
    QJsonArray a;
    const QFileInfoList top = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &fi : top) {
        const QFileInfoList inner =
            fi.isDir() ? QDir(fi.filePath()).entryInfoList(QDir::Files, QDir::Name) : QFileInfoList{fi};
        for (const QFileInfo &f : inner) {
            a.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("file")},
                                 {QStringLiteral("path"), dir.relativeFilePath(f.filePath())},
                                 {QStringLiteral("size"), double(f.size())}});
        }
    }
    return a;
}

QString localKey(const QString &name)
{
    QString n = name;
    n.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
    while (n.startsWith(QLatin1Char('.')) || n.startsWith(QLatin1Char('-'))) {
        n.remove(0, 1);
    }
    return QStringLiteral("local/") + (n.isEmpty() ? QStringLiteral("model") : n);
}

struct Plan
{
    QDir dir; // weight paths are relative to it
    QString name;
    QStringList files;
    QString format;
    QString index;      // relative, when sharded through an index
    QString configPath; // empty: none
};

Result<Plan> planFor(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists()) {
        return Result<Plan>::failure(QStringLiteral("%1: no such file or folder").arg(path));
    }
    Plan plan;
    if (fi.isDir()) {
        plan.dir = QDir(fi.absoluteFilePath());
        plan.name = plan.dir.dirName();
        if (plan.dir.exists(QStringLiteral("model.safetensors.index.json"))) {
            plan.index = QStringLiteral("model.safetensors.index.json");
        } else {
            const QJsonArray listing = folderListing(plan.dir);
            if (RegistryEdit::weightChoices(listing).isEmpty()) {
                return Result<Plan>::failure(kNotAModel.arg(path) +
                                             QStringLiteral(": the folder holds no weight files"));
            }
            auto choice = RegistryEdit::pick(path, listing, {}, {});
            if (!choice) {
                return Result<Plan>::failure(choice.error() +
                                             QStringLiteral(" (give the path of one .gguf file instead)"));
            }
            plan.files = choice->files;
            plan.format = choice->format;
        }
        if (plan.dir.exists(QStringLiteral("config.json"))) {
            plan.configPath = plan.dir.filePath(QStringLiteral("config.json"));
        } else if (plan.format != QLatin1String("gguf")) {
            return Result<Plan>::failure(kNotAModel.arg(path) + QStringLiteral(": config.json is missing"));
        }
    } else {
        plan.dir = fi.absoluteDir();
        plan.name = fi.completeBaseName();
        const QString n = fi.fileName();
        if (n.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive)) {
            auto parts = ggufParts(fi);
            if (!parts) {
                return Result<Plan>::failure(parts.error());
            }
            plan.files = parts.value();
            plan.format = QStringLiteral("gguf");
        } else if (n.endsWith(QLatin1String(".safetensors.index.json"))) {
            plan.index = n;
            plan.name = plan.dir.dirName();
        } else if (n.endsWith(QLatin1String(".safetensors"))) {
            plan.files = {n};
            plan.format = QStringLiteral("safetensors");
        } else {
            return Result<Plan>::failure(kNotAModel.arg(path));
        }
        if (plan.format != QLatin1String("gguf") && plan.dir.exists(QStringLiteral("config.json"))) {
            plan.configPath = plan.dir.filePath(QStringLiteral("config.json"));
        }
    }
    if (!plan.index.isEmpty()) {
        auto bytes = readSmall(plan.dir.filePath(plan.index));
        auto index = bytes ? SafetensorsIndex::parse(bytes.value(), plan.dir.filePath(plan.index))
                           : Result<SafetensorsIndex>::failure(bytes.error());
        if (!index) {
            return Result<Plan>::failure(index.error());
        }
        if (index->shards.isEmpty()) {
            return Result<Plan>::failure(
                QStringLiteral("%1: the index names no shards").arg(plan.dir.filePath(plan.index)));
        }
        for (const QString &s : index->shards) {
            if (!plan.dir.exists(s)) {
                return Result<Plan>::failure(
                    QStringLiteral("%1: shard %2 named by the index is missing").arg(plan.dir.filePath(plan.index), s));
            }
        }
        plan.files = index->shards;
        plan.format = QStringLiteral("safetensors");
    }
    return plan;
}

} // namespace

Result<LocalModel> LocalModel::load(const QString &path)
{
    auto plan = planFor(path);
    if (!plan) {
        return R::failure(plan.error());
    }
    LocalModel m;
    const QString key = localKey(plan->name);
    m.facts.key = key;
    m.facts.origin = QStringLiteral("local files in %1").arg(plan->dir.absolutePath());
    for (const QString &f : plan->files) {
        const QString full = plan->dir.filePath(f);
        auto h = WeightHeaderParser::readFile(full, key);
        if (!h) {
            return R::failure(h.error().startsWith(full) ? h.error() : QStringLiteral("%1: %2").arg(full, h.error()));
        }
        WeightHeaderFact fact = h.value();
        fact.path = f;
        m.facts.headers << fact;
        m.facts.files << FileFact{f, QFileInfo(full).size(), true, full};
        m.facts.sources << full;
    }
    if (!plan->configPath.isEmpty()) {
        auto bytes = readSmall(plan->configPath);
        if (!bytes) {
            return R::failure(bytes.error());
        }
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes.value(), &perr);
        if (!doc.isObject()) {
            return R::failure(QStringLiteral("%1: not a JSON object (%2 at byte %3)")
                                  .arg(plan->configPath, perr.errorString())
                                  .arg(perr.offset));
        }
        m.facts.config = doc.object();
        m.facts.configSource = plan->configPath;
        m.facts.sources << plan->configPath;
    }
    const bool gguf = plan->format == QLatin1String("gguf");
    RegistryEntry &e = m.entry;
    e.key = key;
    e.name = plan->name;
    e.shortName = key.section(QLatin1Char('/'), 1).toLower();
    e.capability = Capability::TextToText;
    e.kind = RegistryEdit::defaultKind(e.capability);
    RegistryEdit::inferCapability(m.facts, &e.capability, &e.kind);
    e.runtime = gguf ? QStringLiteral("llama.cpp") : QStringLiteral("candle");
    WeightComponent c;
    c.id = QStringLiteral("model");
    c.repo = key;
    c.files = plan->files;
    c.format = plan->format;
    c.index = plan->index;
    const QString quant = gguf ? RegistryEdit::quantOf(plan->files.first()) : QString();
    c.dtypeCuda = gguf ? (quant.isEmpty() ? QStringLiteral("GGUF") : quant) : QStringLiteral("F16");
    c.dtypeCpu = gguf ? c.dtypeCuda : QStringLiteral("F32");
    c.role = e.kind;
    e.components << c;
    e.serving.insert(QStringLiteral("batch"), 1);
    e.quantization = c.dtypeCuda;
    e.docFile = e.shortName.toUpper() + QStringLiteral(".md");
    e.sourceFile = QStringLiteral("(local files)");
    return m;
}

} // namespace memspec
