// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/facts/modelfacts.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace memspec {

enum class ParseStatus {
    NeedMore, // give more bytes: at least up to neededUpTo()
    Done,     // the header is complete; read the result
    Failed,   // error() names the file and the byte offset
};

// Incremental header parser shared by the safetensors and GGUF readers, for header-only remote reads.
//
// Protocol (the hub client drives it):
//   auto p = WeightHeaderParser::create(QStringLiteral("model.safetensors"), fileSize);   // size from Content-Range
//   while (p->status() == ParseStatus::NeedMore) {
//       QByteArray chunk = fetch(p->bytesFed(), max(p->neededUpTo(), p->bytesFed() + chunkSize));  // [from, to)
//       if (chunk.isEmpty()) { p->finish(); break; }   // EOF / no more bytes: turns NeedMore into Failed
//       p->feed(chunk);
//   }
//   if (p->status() == ParseStatus::Done) facts.headers.append(p->fact(repo, path)); else report(p->error());
//
// feed() takes the bytes that follow those already fed (contiguous from file offset 0); giving more than needed is
// fine (extra bytes are ignored once the header is complete). Each call continues where the previous one stopped:
// nothing is re-parsed, and big arrays are walked, not stored. neededUpTo() is an exclusive file offset: the parser
// cannot make progress until bytesFed() >= neededUpTo() (it may ask again for more after that). Fetching ahead in
// chunks of a few MB is cheaper than fetching exactly neededUpTo(). When the file size is known (pass it), every
// length is checked against it before anything is allocated, and a header that would pass the end fails at once.
class WeightHeaderParser
{
public:
    virtual ~WeightHeaderParser() = default;

    virtual ParseStatus feed(const QByteArray &moreBytes) = 0;
    // No more bytes will come: a parser still waiting for bytes fails with "file ends at byte N inside ...".
    virtual ParseStatus finish() = 0;
    virtual ParseStatus status() const = 0;
    virtual qint64 neededUpTo() const = 0;
    virtual qint64 bytesFed() const = 0;
    virtual QString error() const = 0;
    // The header as stored in ModelFacts (valid when status() == Done).
    virtual WeightHeaderFact fact(const QString &repo, const QString &path) const = 0;

    // A parser chosen by file extension (".safetensors", ".gguf"); nullptr for other files. fileSize < 0: unknown.
    static std::unique_ptr<WeightHeaderParser> create(const QString &fileName, qint64 fileSize = -1);
    // Reads only the header of a local file (through the same incremental parser) and converts it.
    static Result<WeightHeaderFact> readFile(const QString &path, const QString &repo = {});

protected:
    WeightHeaderParser() = default;
    Q_DISABLE_COPY_MOVE(WeightHeaderParser)
};

// "<file>: byte <offset>: <what>" — the shape of every reader error.
QString headerError(const QString &fileName, qint64 offset, const QString &what);

} // namespace memspec
