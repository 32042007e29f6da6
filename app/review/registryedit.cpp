// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "registryedit.h"

#include "app/common/units.h"
#include "app/registry/registry.h"

#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>

namespace memspec {

namespace {

struct Listed
{
    QString path;
    qint64 size = 0;
};

QList<Listed> filesOf(const QJsonArray &listing)
{
    QList<Listed> out;
    for (const QJsonValue &v : listing) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("type")).toString(QStringLiteral("file")) == QLatin1String("file")) {
            out << Listed{o.value(QLatin1String("path")).toString(),
                          qMax<qint64>(0, qint64(o.value(QLatin1String("size")).toDouble()))};
        }
    }
    return out;
}

bool isGguf(const QString &p)
{
    return p.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
}
bool isTopSafetensors(const QString &p)
{
    return p.endsWith(QLatin1String(".safetensors")) && !p.contains(QLatin1Char('/'));
}

QString describeChoices(const QList<WeightChoice> &choices)
{
    QStringList names;
    for (const WeightChoice &c : choices) {
        names << (c.quant.isEmpty() ? c.files.join(QLatin1Char('+')).left(80) : c.quant);
    }
    return names.join(QStringLiteral(", "));
}

const QString kIndex = QStringLiteral("model.safetensors.index.json");

QString choiceLabel(const QString &what, const WeightChoice &c)
{
    return QStringLiteral("%1: %2 file%3, %4")
        .arg(what)
        .arg(c.files.size())
        .arg(c.files.size() == 1 ? QString() : QStringLiteral("s"), formatMib(c.bytes));
}

} // namespace

QString RegistryEdit::quantOf(const QString &fileName)
{
    static const QRegularExpression split(QStringLiteral("-\\d{5}-of-\\d{5}$"));
    static const QRegularExpression quant(
        QStringLiteral("(?:^|[-_.])((?:IQ|Q|TQ)\\d+(?:_[A-Z0-9]+)*|BF16|F16|F32|MXFP4)(?=$|[-_.])"),
        QRegularExpression::CaseInsensitiveOption);
    QString stem = fileName.section(QLatin1Char('/'), -1);
    stem.chop(isGguf(stem) ? 5 : 0);
    stem.remove(split);
    QString found;
    for (auto it = quant.globalMatch(stem); it.hasNext();) {
        found = it.next().captured(1).toUpper();
    }
    return found;
}

QList<WeightChoice> RegistryEdit::weightChoices(const QJsonArray &listing)
{
    QMap<QString, WeightChoice> gguf; // by folder + quant (or the file when it names no quant)
    WeightChoice st;
    st.format = QStringLiteral("safetensors");
    for (const Listed &f : filesOf(listing)) {
        if (isGguf(f.path)) {
            const QString q = quantOf(f.path);
            const QString folder =
                f.path.contains(QLatin1Char('/')) ? f.path.section(QLatin1Char('/'), 0, -2) : QString();
            WeightChoice &c = gguf[q.isEmpty() ? f.path : folder + QLatin1Char('|') + q];
            c.quant = q;
            c.format = QStringLiteral("gguf");
            c.files << f.path;
            c.bytes += f.size;
        } else if (isTopSafetensors(f.path)) {
            st.files << f.path;
            st.bytes += f.size;
        }
    }
    QList<WeightChoice> out = gguf.values();
    if (!st.files.isEmpty()) {
        out << st;
    }
    for (WeightChoice &c : out) {
        c.files.sort();
        const QString what = c.format == QLatin1String("gguf") ? (c.quant.isEmpty() ? c.files.first() : c.quant)
                                                               : QStringLiteral("safetensors");
        c.label = choiceLabel(what, c);
    }
    return out;
}

Result<WeightChoice> RegistryEdit::pick(const QString &repo, const QJsonArray &listing, const QStringList &files,
                                        const QString &quant)
{
    using R = Result<WeightChoice>;
    const QList<WeightChoice> choices = weightChoices(listing);
    if (choices.isEmpty()) {
        return R::failure(
            QStringLiteral("%1 lists no weight files (.gguf or top-level .safetensors); nothing to add").arg(repo));
    }
    if (!files.isEmpty() && !quant.isEmpty()) {
        return R::failure(QStringLiteral("field \"files\": give files or a quant for %1, not both").arg(repo));
    }
    if (!quant.isEmpty()) {
        QList<WeightChoice> hits;
        for (const WeightChoice &c : choices) {
            if (c.quant.compare(quant, Qt::CaseInsensitive) == 0) {
                hits << c;
            }
        }
        if (hits.size() == 1) {
            return hits.first();
        }
        return R::failure(QStringLiteral("field \"quant\": %1 has %2 .gguf file set matching \"%3\"; choices: %4")
                              .arg(repo, hits.isEmpty() ? QStringLiteral("no") : QStringLiteral("more than one"), quant,
                                   describeChoices(choices)));
    }
    if (files.isEmpty()) {
        if (choices.size() == 1) {
            return choices.first();
        }
        if (choices.last().format == QLatin1String("safetensors")) {
            return choices.last(); // a repo with safetensors and GGUF conversions: the checkpoint itself
        }
        return R::failure(
            QStringLiteral("field \"quant\": %1 has several weight choices (%2); pick one with a quant or files")
                .arg(repo, describeChoices(choices)));
    }
    WeightChoice c;
    bool gguf = false;
    bool safetensors = false;
    const QList<Listed> available = filesOf(listing);
    for (const QString &f : files) {
        const auto it = std::find_if(available.begin(), available.end(), [&](const Listed &l) { return l.path == f; });
        if (it == available.end()) {
            return R::failure(QStringLiteral("field \"files\": \"%1\" is not in the listing of %2").arg(f, repo));
        }
        gguf = gguf || isGguf(f);
        safetensors = safetensors || f.endsWith(QLatin1String(".safetensors"));
        c.files << f;
        c.bytes += it->size;
    }
    if (gguf == safetensors) {
        return R::failure(
            QStringLiteral("field \"files\": choose either .gguf or .safetensors weight files of %1, not %2")
                .arg(repo, gguf ? QStringLiteral("both") : QStringLiteral("other files")));
    }
    c.files.sort();
    c.format = gguf ? QStringLiteral("gguf") : QStringLiteral("safetensors");
    c.quant = gguf ? quantOf(c.files.first()) : QString();
    c.label = choiceLabel(c.quant.isEmpty() ? c.format : c.quant, c);
    return c;
}

QString RegistryEdit::defaultKind(Capability capability)
{
    switch (capability) {
    case Capability::TextEmbedding:
        return QStringLiteral("encoder");
    case Capability::ImageEmbedding:
        return QStringLiteral("clip");
    case Capability::Vision:
        return QStringLiteral("vlm");
    case Capability::TextToImage:
        return QStringLiteral("diffusion");
    case Capability::TextToText:
        break;
    }
    return QStringLiteral("decoder");
}

RegistryEntry RegistryEdit::withCapability(RegistryEntry entry, Capability capability)
{
    if (capability != entry.capability) {
        entry.capability = capability;
        if (entry.components.size() == 1) {
            entry.kind = defaultKind(capability);
            entry.components.first().role = entry.kind;
        }
    }
    return entry;
}

bool RegistryEdit::inferCapability(const ModelFacts &facts, Capability *capability, QString *kind)
{
    auto set = [&](Capability c) {
        *capability = c;
        *kind = defaultKind(c);
        return true;
    };
    for (const WeightHeaderFact &h : facts.headers) {
        const QString arch = h.metadata.value(QLatin1String("general.architecture")).toString();
        if (arch.isEmpty()) {
            continue;
        }
        if (arch.contains(QLatin1String("bert")) || arch == QLatin1String("t5encoder")) {
            return set(Capability::TextEmbedding);
        }
        return set(Capability::TextToText);
    }
    const QString arch = facts.config.value(QLatin1String("architectures")).toArray().first().toString();
    const QString type = facts.config.value(QLatin1String("model_type")).toString();
    if (arch.isEmpty() && type.isEmpty()) {
        return false;
    }
    if (arch.endsWith(QLatin1String("ForCausalLM")) || arch.endsWith(QLatin1String("LMHeadModel"))) {
        return set(Capability::TextToText);
    }
    if (type == QLatin1String("clip") || arch == QLatin1String("CLIPModel") || arch == QLatin1String("SiglipModel")) {
        return set(Capability::ImageEmbedding);
    }
    if (facts.config.contains(QLatin1String("vision_config")) && facts.config.contains(QLatin1String("text_config"))) {
        return set(Capability::Vision);
    }
    if (type.contains(QLatin1String("bert")) || type.contains(QLatin1String("roberta")) ||
        arch.endsWith(QLatin1String("Model")) || arch.endsWith(QLatin1String("ForMaskedLM"))) {
        return set(Capability::TextEmbedding);
    }
    return false;
}

Result<RegistryEntry> RegistryEdit::validate(const RegistryEntry &entry)
{
    auto reg = Registry::fromJson(Registry{}.withEntry(entry).toJson(), QStringLiteral("registry"));
    if (!reg) {
        return Result<RegistryEntry>::failure(reg.error());
    }
    return reg->entries().first();
}

namespace {

WeightComponent componentFor(const QString &repo, const WeightChoice &w, const QString &role, const QString &floatDtype,
                             bool hasIndex)
{
    const bool gguf = w.format == QLatin1String("gguf");
    WeightComponent comp;
    comp.id = QStringLiteral("model");
    comp.repo = repo;
    comp.files = w.files;
    comp.format = w.format;
    comp.dtypeCuda = gguf ? (w.quant.isEmpty() ? QStringLiteral("GGUF") : w.quant)
                          : (floatDtype.isEmpty() ? QStringLiteral("F16") : floatDtype);
    comp.dtypeCpu = gguf ? comp.dtypeCuda : QStringLiteral("F32");
    comp.role = role;
    if (!gguf && w.files.size() > 1 && hasIndex) {
        comp.index = kIndex;
    }
    return comp;
}

bool listingHas(const QJsonArray &listing, const QString &path)
{
    for (const Listed &l : filesOf(listing)) {
        if (l.path == path) {
            return true;
        }
    }
    return false;
}

} // namespace

Result<RegistryEntry> RegistryEdit::entryFromListing(const NewEntryChoice &c, const QJsonArray &listing)
{
    using R = Result<RegistryEntry>;
    static const QRegularExpression repoId(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"));
    for (const auto &[field, value] : {std::pair{"repo", c.repo}, std::pair{"key", c.key}}) {
        if ((!value.isEmpty() || QLatin1String(field) == QLatin1String("repo")) &&
            (!repoId.match(value).hasMatch() || value.contains(QLatin1String("..")))) {
            return R::failure(QStringLiteral("field \"%1\": \"%2\" is not a Hub repo id (org/name)")
                                  .arg(QLatin1String(field), value));
        }
    }
    auto w = pick(c.repo, listing, c.files, c.quant);
    if (!w) {
        return R::failure(w.error());
    }
    const bool gguf = w->format == QLatin1String("gguf");
    const QString key = c.key.isEmpty() ? c.repo : c.key;
    const QString namePart = key.section(QLatin1Char('/'), 1);
    RegistryEntry e;
    e.key = key;
    e.name = c.name.isEmpty() ? namePart : c.name;
    e.shortName = c.shortName.isEmpty() ? namePart.toLower() : c.shortName;
    e.capability = c.capability;
    e.kind = c.kind.isEmpty() ? defaultKind(c.capability) : c.kind;
    e.runtime = c.runtime.isEmpty() ? (gguf ? QStringLiteral("llama.cpp") : QStringLiteral("candle")) : c.runtime;
    const WeightComponent comp = componentFor(c.repo, w.value(), e.kind, c.dtype, listingHas(listing, kIndex));
    e.components << comp;
    if (c.context > 0) {
        e.serving.insert(QStringLiteral("context"), c.context);
    }
    e.serving.insert(QStringLiteral("batch"), 1);
    e.quantization = comp.dtypeCuda;
    e.docFile = namePart.toUpper() + QStringLiteral(".md");
    e.sourceFile = QStringLiteral("(not in the service yet)");
    return validate(e);
}

Result<RegistryEntry> RegistryEdit::withWeights(const RegistryEntry &entry, const WeightChoice &choice)
{
    using R = Result<RegistryEntry>;
    if (entry.components.size() != 1) {
        return R::failure(
            QStringLiteral("%1: field \"components\": the model loads %2 weight components; change them in a "
                           "registry file, not one at a time")
                .arg(entry.key)
                .arg(entry.components.size()));
    }
    const WeightComponent &old = entry.components.first();
    RegistryEntry e = entry;
    const bool formatChanged = old.format != choice.format;
    e.components = {componentFor(old.repo, choice, old.role,
                                 old.format == QLatin1String("safetensors") ? old.dtypeCuda : QString(),
                                 !old.index.isEmpty() || choice.files.size() > 1)};
    if (formatChanged) {
        e.runtime = choice.format == QLatin1String("gguf") ? QStringLiteral("llama.cpp") : QStringLiteral("candle");
    }
    e.quantization = e.components.first().dtypeCuda;
    return validate(e);
}

} // namespace memspec
