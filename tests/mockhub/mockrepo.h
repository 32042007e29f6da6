// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>

namespace memspec::mock {

// One file of a mock repo. Git files hold their whole content; LFS files hold their header bytes (the rest of the
// file is zeros, produced on demand), so a 600 GB model costs a few MB.
struct MockFile
{
    QString path;
    qint64 size = 0;
    bool lfs = false;
    bool sizeAssumed = false; // the size is not from a source: picked for the mock
    QByteArray content;       // git: the file; LFS: the leading bytes (header)
    QString gitOid;           // sha1("blob <size>\0<content>"); for LFS: of the pointer text
    QString sha256;           // LFS: stands in for the content hash (of header + size: the zeros are virtual)
    qint64 headerBytes = 0;   // LFS weights: bytes of the file that are header

    QByteArray pointerText() const;
    // Bytes [from, from + length) of the file (content, then zeros).
    QByteArray slice(qint64 from, qint64 length) const;
    qint64 copyTo(char *dst, qint64 from, qint64 length) const; // the same bytes straight into dst
};

struct MockRepo
{
    QString id;     // "org/name" as the Hub spells it
    QString commit; // 40 hex
    QString gated;  // "" (not gated) | "auto" | "manual"
    QString pipelineTag;
    QList<MockFile> files;

    const MockFile *file(const QString &path) const;
    MockFile &addText(const QString &path, const QByteArray &content);
    MockFile &addLfs(const QString &path, qint64 size, const QByteArray &header, bool sizeAssumed);
};

// The set of repos a mock hub serves.
class MockRepoSet final
{
public:
    void add(MockRepo repo);
    const MockRepo *find(const QString &id) const; // case-insensitive, as the Hub is
    QList<const MockRepo *> repos() const;
    void setRename(const QString &oldId, const QString &newId) { m_renames.insert(oldId.toLower(), newId); }
    QString renamedTo(const QString &oldId) const { return m_renames.value(oldId.toLower()); }

    // The repos behind the 12 registry models: names and sizes from resources/registry.json and the bundled
    // snapshot, configs from the snapshot, our own short cards, synthetic weight headers. Built once per process.
    // Also serves the repos of addAddableRepos.
    static std::shared_ptr<const MockRepoSet> registryFixtures();
    // Repos outside the registry (addablerepos.cpp): "mockorg/Tiny-Llama-1B-GGUF" (Q4_K_M split in 2 parts, Q8_0),
    // "mockorg/mini-embed-v1" (one safetensors, BertModel), "mockorg/Sharded-Chat-7B" (3 shards + index),
    // "mockorg/no-weights" (no weight files), "mockorg/gated-chat" (gated: 401 without a token).
    static void addAddableRepos(MockRepoSet &set);
    // Sum of header bytes of the weight files the registry loads (for benchmarks).
    static qint64 registryHeaderBytes(const MockRepoSet &set);

    static QString commitFor(const QString &seed);

private:
    QHash<QString, MockRepo> m_repos;
    QHash<QString, QString> m_renames;
};

} // namespace memspec::mock
