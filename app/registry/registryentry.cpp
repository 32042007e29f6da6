// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "registryentry.h"

namespace memspec {

namespace {
struct CapabilityName
{
    Capability capability;
    const char *id;
    const char *title;
};
constexpr CapabilityName kCapabilities[] = {
    {Capability::TextEmbedding, "text_embedding", "Text embedding"},
    {Capability::TextToText, "text_to_text", "Text to text"},
    {Capability::ImageEmbedding, "image_embedding", "Image embedding"},
    {Capability::Vision, "vision", "Vision"},
    {Capability::TextToImage, "text_to_image", "Text to image"},
};
} // namespace

QString capabilityId(Capability c)
{
    for (const auto &n : kCapabilities) {
        if (n.capability == c) {
            return QLatin1String(n.id);
        }
    }
    return {};
}

QString capabilityTitle(Capability c)
{
    for (const auto &n : kCapabilities) {
        if (n.capability == c) {
            return QLatin1String(n.title);
        }
    }
    return {};
}

bool capabilityFromId(const QString &id, Capability *out)
{
    for (const auto &n : kCapabilities) {
        if (id == QLatin1String(n.id)) {
            *out = n.capability;
            return true;
        }
    }
    return false;
}

bool RegistryEntry::matches(const QString &keyOrAlias) const
{
    if (key.compare(keyOrAlias, Qt::CaseInsensitive) == 0 || shortName == keyOrAlias) {
        return true;
    }
    for (const QString &alias : aliases) {
        if (alias.compare(keyOrAlias, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

qint64 RegistryEntry::servingInt(const char *name, qint64 fallback) const
{
    const QJsonValue v = serving.value(QLatin1String(name));
    return v.isDouble() ? qint64(v.toDouble()) : fallback;
}

} // namespace memspec
