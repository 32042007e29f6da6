// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The commands' declarations (app/cli/clicommands.h) against what the real `memspec` program does with them.
#include "tests/support/clirun.h"

#include "app/cli/clicommands.h"
#include "app/cli/servingoptions.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using memspec::Command;

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

CliResult runMemspec(const QStringList &args)
{
    const memspec::test::CliRun r = memspec::test::runCli(args);
    return CliResult{r.exitCode, QString::fromUtf8(r.out), QString::fromUtf8(r.err)};
}

// The option names a help text lists: the "  -x, --name VALUE" lines of its Options: section.
QSet<QString> listedOptions(const QString &help)
{
    QSet<QString> names;
    bool inOptions = false;
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1Char(' '))) {
            inOptions = line == QLatin1String("Options:");
            continue;
        }
        if (inOptions && line.startsWith(QLatin1String("  -"))) {
            for (const QString &word : line.trimmed().split(QLatin1Char(' '))) {
                if (!word.startsWith(QLatin1Char('-'))) {
                    break;
                }
                QString name = word;
                name.remove(QLatin1Char(','));
                while (name.startsWith(QLatin1Char('-'))) {
                    name.remove(0, 1);
                }
                names << name;
            }
        }
    }
    return names;
}

QSet<QString> declaredOptions(const QList<QCommandLineOption> &options)
{
    QSet<QString> names;
    for (const QCommandLineOption &o : options) {
        for (const QString &n : o.names()) {
            names << n;
        }
    }
    return names;
}

QJsonObject parametersOf(const QString &statusJson, const QString &key)
{
    for (const QJsonValue &m :
         QJsonDocument::fromJson(statusJson.toUtf8()).object().value(QStringLiteral("models")).toArray()) {
        if (m.toObject().value(QStringLiteral("key")).toString() == key) {
            return m.toObject().value(QStringLiteral("parameters")).toObject();
        }
    }
    return {};
}

} // namespace

TEST(CliSpec, HelpOfEveryCommandListsExactlyItsDeclaredOptions)
{
    ASSERT_GE(memspec::commands().size(), 16);
    for (const Command &c : memspec::commands()) {
        const CliResult r = runMemspec({c.name, QStringLiteral("--help")});
        ASSERT_EQ(r.exitCode, 0) << c.name.toStdString() << ": " << r.err.toStdString();
        EXPECT_TRUE(r.err.isEmpty()) << c.name.toStdString();
        QSet<QString> expected = declaredOptions(c.options);
        expected << QStringLiteral("h") << QStringLiteral("help");
        EXPECT_EQ(listedOptions(r.out), expected) << c.name.toStdString() << ":\n" << r.out.toStdString();
        for (const memspec::CommandArgument &a : c.arguments) {
            EXPECT_TRUE(r.out.contains(QStringLiteral("\n  ") + a.name))
                << c.name.toStdString() << ": " << a.name.toStdString();
        }
        // -h is the same as --help, in either dash style
        EXPECT_EQ(runMemspec({c.name, QStringLiteral("-h")}).out, r.out) << c.name.toStdString();
        EXPECT_EQ(runMemspec({c.name, QStringLiteral("-help")}).out, r.out) << c.name.toStdString();
    }
}

TEST(CliSpec, TopLevelHelpListsEveryCommandAndTheGlobalOptions)
{
    const CliResult r = runMemspec({QStringLiteral("--help")});
    ASSERT_EQ(r.exitCode, 0);
    for (const Command &c : memspec::commands()) {
        EXPECT_EQ(r.out.contains(QStringLiteral("\n  ") + c.name + QLatin1Char(' ')) ||
                      r.out.contains(QStringLiteral("\n  ") + c.name + QLatin1Char('\n')),
                  !c.hidden)
            << c.name.toStdString();
    }
    QSet<QString> global = declaredOptions(memspec::GlobalOptions::options() + memspec::topLevelOptions());
    const QString section = r.out.section(QStringLiteral("\nGlobal options:\n"), 1);
    EXPECT_EQ(listedOptions(QStringLiteral("Options:\n") + section), global) << r.out.toStdString();
    // No command at all: the same usage, on stderr, exit 2.
    const CliResult none = runMemspec({});
    EXPECT_EQ(none.exitCode, 2);
    EXPECT_EQ(none.err, r.out);
}

TEST(CliSpec, UnknownOptionToAnyCommandExitsTwoNamingIt)
{
    for (const Command &c : memspec::commands()) {
        const CliResult r = runMemspec({c.name, QStringLiteral("--frobnicate"), QStringLiteral("x")});
        EXPECT_EQ(r.exitCode, 2) << c.name.toStdString();
        EXPECT_TRUE(r.out.isEmpty()) << c.name.toStdString() << ": " << r.out.toStdString();
        EXPECT_TRUE(r.err.contains(QStringLiteral("--frobnicate")))
            << c.name.toStdString() << ": " << r.err.toStdString();
        EXPECT_TRUE(r.err.startsWith(QStringLiteral("memspec ") + c.name + QLatin1Char(':'))) << r.err.toStdString();
    }
    const CliResult global = runMemspec({QStringLiteral("--frobnicate"), QStringLiteral("list")});
    EXPECT_EQ(global.exitCode, 2);
    EXPECT_TRUE(global.err.contains(QStringLiteral("--frobnicate"))) << global.err.toStdString();
    // An option that needs a value and has none, and a stray argument, are named too.
    const CliResult missing = runMemspec({QStringLiteral("export"), QStringLiteral("--out")});
    EXPECT_EQ(missing.exitCode, 2);
    EXPECT_TRUE(missing.err.contains(QStringLiteral("--out"))) << missing.err.toStdString();
    const CliResult stray = runMemspec({QStringLiteral("status"), QStringLiteral("extra")});
    EXPECT_EQ(stray.exitCode, 2);
    EXPECT_TRUE(stray.err.contains(QStringLiteral("\"extra\""))) << stray.err.toStdString();
}

TEST(CliSpec, EstimateAndSetDeclareTheSameServingFlags)
{
    const QSet<QString> serving = declaredOptions(memspec::ServingOptions::options());
    EXPECT_TRUE(serving.contains(QStringLiteral("context")) && serving.contains(QStringLiteral("resolution")));
    for (const char *name : {"estimate", "set"}) {
        const Command *c = memspec::findCommand(QLatin1String(name));
        ASSERT_TRUE(c);
        EXPECT_TRUE(declaredOptions(c->options).contains(serving)) << name;
    }
}

TEST(CliSpec, EstimateAndSetAcceptTheSameServingFlags)
{
    // The parameters `set` records (as `status` resolves them) equal those `estimate` resolves from the same flags.
    const QList<std::pair<QString, QStringList>> cases{
        {QStringLiteral("bert-minilm"),
         {QStringLiteral("--context"), QStringLiteral("256"), QStringLiteral("--batch"), QStringLiteral("2"),
          QStringLiteral("--device"), QStringLiteral("cpu"), QStringLiteral("--compute-dtype"), QStringLiteral("f32"),
          QStringLiteral("--margin"), QStringLiteral("15")}},
        {QStringLiteral("qwen3-coder"),
         {QStringLiteral("--runtime"), QStringLiteral("llama.cpp"), QStringLiteral("--kv-type"), QStringLiteral("q8_0"),
          QStringLiteral("--flash-attn"), QStringLiteral("on"), QStringLiteral("--ubatch"), QStringLiteral("256")}},
        {QStringLiteral("sd35-turbo"),
         {QStringLiteral("--resolution"), QStringLiteral("512x768"), QStringLiteral("--residency"),
          QStringLiteral("resident"), QStringLiteral("--drop-t5")}},
        {QStringLiteral("sd35-turbo"),
         {QStringLiteral("--runtime"), QStringLiteral("diffusers"), QStringLiteral("--offload"),
          QStringLiteral("model"), QStringLiteral("--width"), QStringLiteral("768"), QStringLiteral("--height"),
          QStringLiteral("512")}},
    };
    for (const auto &[key, flags] : cases) {
        QTemporaryDir dir;
        const QString setProject = dir.filePath(QStringLiteral("set.json"));
        const QString estimateProject = dir.filePath(QStringLiteral("estimate.json"));
        const CliResult set =
            runMemspec(QStringList{QStringLiteral("--project"), setProject, QStringLiteral("set"), key} + flags);
        ASSERT_EQ(set.exitCode, 0) << flags.join(QLatin1Char(' ')).toStdString() << ": " << set.err.toStdString();
        const CliResult status =
            runMemspec({QStringLiteral("--project"), setProject, QStringLiteral("status"), QStringLiteral("--json")});
        const CliResult estimate =
            runMemspec(QStringList{QStringLiteral("--project"), estimateProject, QStringLiteral("estimate"), key} +
                       flags + QStringList{QStringLiteral("--json")});
        ASSERT_EQ(estimate.exitCode, 0) << estimate.err.toStdString();
        const QJsonObject estimateJson = QJsonDocument::fromJson(estimate.out.toUtf8()).object();
        const QJsonObject estimated = estimateJson.value(QStringLiteral("parameters")).toObject();
        const QJsonObject recorded = parametersOf(status.out, estimateJson.value(QStringLiteral("model")).toString());
        EXPECT_FALSE(estimated.isEmpty());
        EXPECT_EQ(QJsonDocument(recorded).toJson(), QJsonDocument(estimated).toJson())
            << flags.join(QLatin1Char(' ')).toStdString();
    }
}

TEST(CliSpec, EstimateAndSetRejectTheSameBadValuesNamingThem)
{
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("p.json"));
    const QList<QStringList> bad{{QStringLiteral("--context"), QStringLiteral("lots")},
                                 {QStringLiteral("--context"), QStringLiteral("0")},
                                 {QStringLiteral("--flash-attn"), QStringLiteral("maybe")},
                                 {QStringLiteral("--resolution"), QStringLiteral("big")},
                                 {QStringLiteral("--resolution"), QStringLiteral("10x10")},
                                 {QStringLiteral("--runtime"), QStringLiteral("tensorflow")},
                                 {QStringLiteral("--margin"), QStringLiteral("50")}};
    for (const QStringList &flag : bad) {
        for (const char *command : {"estimate", "set"}) {
            const CliResult r = runMemspec(QStringList{QStringLiteral("--project"), project, QLatin1String(command),
                                                       QStringLiteral("bert-minilm")} +
                                           flag);
            EXPECT_EQ(r.exitCode, 2) << command << " " << flag.join(QLatin1Char(' ')).toStdString();
            EXPECT_TRUE(r.out.isEmpty());
            EXPECT_TRUE(r.err.contains(flag.at(0)) && r.err.contains(QLatin1Char('"') + flag.at(1) + QLatin1Char('"')))
                << command << ": " << r.err.toStdString();
        }
    }
    EXPECT_FALSE(QFile::exists(project)); // nothing recorded
}

TEST(CliSpec, ReferenceShowsTheGeneratedHelp)
{
    QFile doc(QStringLiteral(MEMSPEC_SOURCE_DIR_DEFAULT "/docs/cli.md"));
    ASSERT_TRUE(doc.open(QIODevice::ReadOnly)) << doc.fileName().toStdString();
    const QString text = QString::fromUtf8(doc.readAll());
    const QString fence = QStringLiteral("```text\n%1```\n");
    EXPECT_TRUE(text.contains(fence.arg(memspec::usageText()))) << "regenerate with resources/tools/cli-doc.sh";
    for (const Command &c : memspec::commands()) {
        EXPECT_EQ(text.contains(QStringLiteral("\n## memspec %1\n").arg(c.name)), !c.hidden) << c.name.toStdString();
        if (!c.hidden) {
            EXPECT_TRUE(text.contains(fence.arg(c.helpText())))
                << c.name.toStdString() << ": regenerate with resources/tools/cli-doc.sh";
        }
    }
}
