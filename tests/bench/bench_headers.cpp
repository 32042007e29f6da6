// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Header parse throughput on a ~10 MB GGUF header (160k-token vocabulary + 160k merges).
//   bench_headers --write FILE      writes the fixture (header + zero data region)
//   bench_headers FILE [RUNS]       reads FILE's header RUNS times (default 20) through
//                                   WeightHeaderParser::readFile (file reads + parse + WeightHeaderFact) and prints
//                                   the median; also the median of the in-memory parse alone.
// tests/bench/run-header-bench.sh runs this and @huggingface/gguf on the same file.
#include "tests/support/formatfixtures.h"

#include "app/formats/ggufheaderparser.h"

#include <QElapsedTimer>
#include <QFile>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace memspec;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--write") == 0) {
        fixtures::LlamaGgufRecipe r;
        r.vocab = 160000;
        r.merges = 160000;
        r.layers = 4;
        const fixtures::GgufWriter w = fixtures::llamaGguf(r);
        if (!w.writeFile(QString::fromLocal8Bit(argv[2]))) {
            std::fprintf(stderr, "cannot write %s\n", argv[2]);
            return 1;
        }
        std::printf("wrote %s: header %lld bytes, file %lld bytes\n", argv[2], qint64(w.headerBytes().size()),
                    w.fileSize());
        return 0;
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_headers --write FILE | bench_headers FILE [RUNS]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc >= 3 ? std::max(1, atoi(argv[2])) : 20;
    std::vector<double> fileMs;
    std::vector<double> memMs;
    qint64 headerBytes = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const Result<WeightHeaderFact> f = WeightHeaderParser::readFile(path);
        fileMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!f.ok()) {
            std::fprintf(stderr, "%s\n", qPrintable(f.error()));
            return 1;
        }
        headerBytes = f->headerBytes;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return 1;
    }
    const QByteArray head = file.read(headerBytes);
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const Result<GgufHeader> h = GgufHeaderParser::parse(head, QStringLiteral("bench.gguf"), file.size());
        memMs.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!h.ok()) {
            return 1;
        }
    }
    const double mb = double(headerBytes) / 1e6;
    std::printf("{\"reader\":\"memspec\",\"header_bytes\":%lld,\"runs\":%d,\"file_median_ms\":%.3f,\"file_MBps\":%.1f,"
                "\"memory_median_ms\":%.3f,\"memory_MBps\":%.1f}\n",
                headerBytes, runs, median(fileMs), mb / (median(fileMs) / 1e3), median(memMs),
                mb / (median(memMs) / 1e3));
    return 0;
}
