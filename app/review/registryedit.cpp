// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "registryedit.h"

#include "app/registry/registry.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace memspec {

Result<RegistryEntry> RegistryEdit::validate(const RegistryEntry &entry)
{
    auto reg = Registry::fromJson(Registry{}.withEntry(entry).toJson(), QStringLiteral("registry"));
    if (!reg) {
        return Result<RegistryEntry>::failure(reg.error());
    }
    return reg->entries().first();
}

Result<RegistryEntry> RegistryEdit::entryFromListing(const NewEntryChoice &c, const QJsonArray &listing)
{
    using R = Result<RegistryEntry>;
    static const QRegularExpression repoId(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$"));
    if (!repoId.match(c.repo).hasMatch() || c.repo.contains(QLatin1String(".."))) {
        return R::failure(QStringLiteral("field \"repo\": \"%1\" is not a Hub repo id (org/name)").arg(c.repo));
    }
    QStringList available;
    for (const QJsonValue &v : listing) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("type")).toString(QStringLiteral("file")) == QLatin1String("file")) {
            available << o.value(QLatin1String("path")).toString();
        }
    }
    QStringList files = c.files;
    if (files.isEmpty() && !c.quant.isEmpty()) {
        for (const QString &p : available) {
            if (p.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive) && p.contains(c.quant, Qt::CaseInsensitive)) {
                files << p;
            }
        }
        if (files.isEmpty()) {
            return R::failure(QStringLiteral("field \"quant\": %1 has no .gguf file matching \"%2\"").arg(c.repo, c.quant));
        }
    } else if (files.isEmpty()) {
        for (const QString &p : available) {
            if (p.endsWith(QLatin1String(".safetensors")) && !p.contains(QLatin1Char('/'))) {
                files << p;
            }
        }
        if (files.isEmpty()) {
            return R::failure(QStringLiteral("field \"files\": %1 lists no top-level .safetensors file; choose the weight files").arg(c.repo));
        }
    }
    files.sort();
    bool gguf = false;
    bool safetensors = false;
    for (const QString &f : files) {
        if (!available.contains(f)) {
            return R::failure(QStringLiteral("field \"files\": \"%1\" is not in the listing of %2").arg(f, c.repo));
        }
        gguf = gguf || f.endsWith(QLatin1String(".gguf"), Qt::CaseInsensitive);
        safetensors = safetensors || f.endsWith(QLatin1String(".safetensors"));
    }
    if (gguf == safetensors) {
        return R::failure(QStringLiteral("field \"files\": choose either .gguf or .safetensors weight files, not %1")
                              .arg(gguf ? QStringLiteral("both") : QStringLiteral("other files")));
    }
    const QString namePart = c.repo.section(QLatin1Char('/'), 1);
    RegistryEntry e;
    e.key = c.repo;
    e.name = c.name.isEmpty() ? namePart : c.name;
    e.shortName = c.shortName.isEmpty() ? namePart.toLower() : c.shortName;
    e.capability = c.capability;
    e.kind = c.kind.isEmpty() ? QStringLiteral("decoder") : c.kind;
    e.runtime = c.runtime.isEmpty() ? (gguf ? QStringLiteral("llama.cpp") : QStringLiteral("candle")) : c.runtime;
    const QString dtype = gguf ? (c.quant.isEmpty() ? QStringLiteral("GGUF") : c.quant.toUpper()) : (c.dtype.isEmpty() ? QStringLiteral("F16") : c.dtype);
    WeightComponent comp;
    comp.id = QStringLiteral("model");
    comp.repo = c.repo;
    comp.files = files;
    comp.format = gguf ? QStringLiteral("gguf") : QStringLiteral("safetensors");
    comp.dtypeCuda = dtype;
    comp.dtypeCpu = gguf ? dtype : QStringLiteral("F32");
    comp.role = e.kind;
    e.components << comp;
    if (c.context > 0) {
        e.serving.insert(QStringLiteral("context"), c.context);
    }
    e.serving.insert(QStringLiteral("batch"), 1);
    e.quantization = dtype;
    e.docFile = namePart.toUpper() + QStringLiteral(".md");
    e.sourceFile = QStringLiteral("(not in the service yet)");
    return validate(e);
}

} // namespace memspec
