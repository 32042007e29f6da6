// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "mockrepo.h"

#include <QCryptographicHash>

#include <cstring>

namespace memspec::mock {

namespace {

QString gitBlobOid(const QByteArray &content)
{
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(QByteArray("blob " + QByteArray::number(content.size()) + '\0'));
    h.addData(content);
    return QString::fromLatin1(h.result().toHex());
}

} // namespace

QByteArray MockFile::pointerText() const
{
    return "version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256.toLatin1() + "\nsize " +
           QByteArray::number(size) + '\n';
}

QByteArray MockFile::slice(qint64 from, qint64 length) const
{
    QByteArray out;
    if (from < 0 || length <= 0 || from >= size) {
        return out;
    }
    length = qMin(length, size - from);
    out.reserve(length);
    if (from < content.size()) {
        out = content.mid(from, qMin<qint64>(length, content.size() - from));
    }
    if (out.size() < length) {
        out.append(QByteArray(length - out.size(), '\0'));
    }
    return out;
}

qint64 MockFile::copyTo(char *dst, qint64 from, qint64 length) const
{
    if (from < 0 || length <= 0 || from >= size) {
        return 0;
    }
    length = qMin(length, size - from);
    const qint64 real = from < content.size() ? qMin<qint64>(length, content.size() - from) : 0;
    if (real > 0) {
        std::memcpy(dst, content.constData() + from, size_t(real));
    }
    std::memset(dst + real, 0, size_t(length - real));
    return length;
}

const MockFile *MockRepo::file(const QString &path) const
{
    for (const MockFile &f : files) {
        if (f.path == path) {
            return &f;
        }
    }
    return nullptr;
}

MockFile &MockRepo::addText(const QString &path, const QByteArray &content)
{
    MockFile f;
    f.path = path;
    f.size = content.size();
    f.content = content;
    f.gitOid = gitBlobOid(content);
    files << f;
    return files.last();
}

MockFile &MockRepo::addLfs(const QString &path, qint64 size, const QByteArray &header, bool sizeAssumed)
{
    MockFile f;
    f.path = path;
    f.size = size;
    f.lfs = true;
    f.sizeAssumed = sizeAssumed;
    f.content = header;
    f.headerBytes = header.size();
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray(path.toUtf8() + '\0' + QByteArray::number(size) + '\0'));
    h.addData(header);
    f.sha256 = QString::fromLatin1(h.result().toHex());
    f.gitOid = gitBlobOid(f.pointerText());
    files << f;
    return files.last();
}

void MockRepoSet::add(MockRepo repo)
{
    if (repo.commit.isEmpty()) {
        repo.commit = commitFor(repo.id);
    }
    if (!repo.file(QStringLiteral(".gitattributes"))) {
        repo.addText(QStringLiteral(".gitattributes"),
                     "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.gguf filter=lfs diff=lfs merge=lfs -text\n");
    }
    m_repos.insert(repo.id.toLower(), repo);
}

const MockRepo *MockRepoSet::find(const QString &id) const
{
    auto it = m_repos.constFind(id.toLower());
    return it == m_repos.constEnd() ? nullptr : &it.value();
}

QList<const MockRepo *> MockRepoSet::repos() const
{
    QList<const MockRepo *> out;
    for (const MockRepo &r : m_repos) {
        out << &r;
    }
    return out;
}

QString MockRepoSet::commitFor(const QString &seed)
{
    return QString::fromLatin1(QCryptographicHash::hash(seed.toUtf8(), QCryptographicHash::Sha1).toHex());
}

} // namespace memspec::mock
