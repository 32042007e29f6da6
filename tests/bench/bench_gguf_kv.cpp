// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// GGUF headers with very many key/values (issue 18 item 9): is reading them linear in the header size?
//   bench_gguf_kv [N ...]   (default 125000 500000 1000000)
// For each N, writes a GGUF v3 file whose header holds N key/values (keys in hash order, so neither sorted nor
// reverse-sorted: 5 in 8 a UINT32, the rest a short STRING) and 8 tensors, then times, once each:
//   parse   GgufHeaderParser::parse of the header bytes in memory
//   file    WeightHeaderParser::readFile (chunked reads + parse + WeightHeaderFact)
//   fetch   the hub path: the header fed in 64 KB ... 2 MB ranges with GgufSizeGuess asked after each range, as
//           HeaderFetcher does (no network); built with -DBENCH_REWALK_PREFIX it re-walks the whole prefix per
//           range, as HeaderFetcher did before (for the "before" numbers, against that library)
// and prints one row per N plus the time per key/value, which stays flat when reading is linear. Times are the
// process's CPU time (CLOCK_PROCESS_CPUTIME_ID), not wall time, so other work on the machine does not count.
#include "app/formats/ggufheaderparser.h"
#include "app/hub/ggufsizeguess.h"
#include "tests/support/ggufwriter.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>
#include <ctime>

using namespace memspec;
using fixtures::GgufValue;
using fixtures::GgufWriter;

namespace {

GgufWriter manyKeys(int n)
{
    GgufWriter w(3);
    w.add(QStringLiteral("general.architecture"), GgufValue::string(QByteArrayLiteral("llama")));
    for (int i = 1; i < n; ++i) {   // with general.architecture: n key/values
        const quint32 h = quint32(i) * 2654435761U;
        const QString key = QStringLiteral("x.%1.%2").arg(h, 8, 16, QLatin1Char('0')).arg(i);
        if (i % 8 < 5) {
            w.add(key, GgufValue::uint32(h));
        } else {
            w.add(key, GgufValue::string(QByteArray::number(h, 36)));
        }
    }
    for (int t = 0; t < 8; ++t) {
        w.addTensor(QStringLiteral("blk.%1.weight").arg(t), {256, 16}, GgufWriter::Q4_K);
    }
    return w;
}

// CPU time of this process in ms: on a shared machine wall time measures the neighbours.
struct CpuTimer
{
    double start = now();
    static double now()
    {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
    }
    void restart() { start = now(); }
};

double ms(const CpuTimer &t) { return CpuTimer::now() - t.start; }

// What HeaderFetcher::step does per range, minus the network: feed the range, ask the guess about the prefix.
double fetchLike(const QByteArray &head, qint64 fileSize, int *ranges)
{
    CpuTimer t;
    GgufHeaderParser p(QStringLiteral("bench.gguf"), fileSize);
#ifdef BENCH_REWALK_PREFIX
    QByteArray prefix;   // the fetcher before issue 18 item 9: the whole prefix walked again after every range
#else
    GgufSizeGuess walk;
#endif
    qint64 fed = 0;
    *ranges = 0;
    while (p.status() == ParseStatus::NeedMore && fed < head.size()) {
#ifdef BENCH_REWALK_PREFIX
        const qint64 guess = GgufSizeGuess::headerEnd(prefix);
#else
        const qint64 guess = walk.headerEnd();
#endif
        qint64 end = std::max(p.neededUpTo(), fed + 1);
        end = std::max(end, guess > fed ? guess : fed + std::min<qint64>(std::max<qint64>(fed, 64 * 1024), 2 << 20));
        end = std::min<qint64>(std::min<qint64>(end, head.size()), fed + (2 << 20));   // ranges of at most 2 MB
        const QByteArray bytes = head.mid(fed, end - fed);
        p.feed(bytes);
#ifdef BENCH_REWALK_PREFIX
        prefix += bytes;
#else
        walk.feed(bytes);
#endif
        fed = end;
        ++*ranges;
    }
    if (p.status() != ParseStatus::Done) {
        std::fprintf(stderr, "fetch: %s\n", qPrintable(p.error()));
        std::exit(1);
    }
    return ms(t);
}

} // namespace

int main(int argc, char **argv)
{
    QList<int> counts;
    for (int i = 1; i < argc; ++i) {
        counts << std::atoi(argv[i]);
    }
    if (counts.isEmpty()) {
        counts = {125000, 500000, 1000000};
    }
    QTemporaryDir dir;
    std::printf("| key/values | header bytes | parse (CPU) | file: parse + fact (CPU) | fetch-like (CPU, ranges) | file per key/value |\n"
                "|---|---|---|---|---|---|\n");
    for (int n : counts) {
        const GgufWriter w = manyKeys(n);
        const QString path = dir.filePath(QStringLiteral("kv%1.gguf").arg(n));
        if (!w.writeFile(path)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return 1;
        }
        const QByteArray head = w.headerBytes();

        CpuTimer t;
        const Result<GgufHeader> h = GgufHeaderParser::parse(head, QStringLiteral("bench.gguf"), w.fileSize());
        const double parseMs = ms(t);
        if (!h.ok() || h->metadata.size() != n) {
            std::fprintf(stderr, "parse: %s\n", h.ok() ? "wrong key count" : qPrintable(h.error()));
            return 1;
        }
        t.restart();
        const Result<WeightHeaderFact> f = WeightHeaderParser::readFile(path);
        const double fileMs = ms(t);
        if (!f.ok()) {
            std::fprintf(stderr, "file: %s\n", qPrintable(f.error()));
            return 1;
        }
        int ranges = 0;
        const double fetchMs = fetchLike(head, w.fileSize(), &ranges);
        std::printf("| %d | %lld | %.0f ms | %.0f ms | %.0f ms (%d) | %.2f µs |\n", n, qint64(head.size()), parseMs,
                    fileMs, fetchMs, ranges, fileMs * 1000.0 / n);
        std::fflush(stdout);
    }
    return 0;
}
