#pragma once

// Shared by the fuzz targets: one QCoreApplication, silent logging, input splitting and a check
// that aborts (so libFuzzer and the replay driver both report it as a finding).

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace triage::fuzz {

// Qt's parsers want an application object (tr(), QUrl's IDNA settings); created once.
inline void initialize(int *argc, char ***argv)
{
    static QCoreApplication *app = nullptr;
    if (app)
        return;
    // Log lines still get formatted (that code runs too) but are not printed: libFuzzer runs
    // millions of inputs.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    app = new QCoreApplication(*argc, *argv);
}

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

// Fields of one input, separated by NUL bytes; missing fields are empty, so any input is usable.
inline QList<QByteArray> fields(const QByteArray &input, int count)
{
    QList<QByteArray> parts = input.split('\0');
    while (parts.size() < count)
        parts.append(QByteArray());
    while (parts.size() > count) // the last field keeps any further NULs
        parts[count - 1] += '\0' + parts.takeAt(count);
    return parts;
}

[[noreturn]] inline void fail(const char *what, const char *file, int line)
{
    std::fprintf(stderr, "%s:%d: fuzz check failed: %s\n", file, line, what);
    std::abort();
}

} // namespace triage::fuzz

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::triage::fuzz::fail(#condition, __FILE__, __LINE__);                                  \
    } while (false)

// Every target defines these two, like any libFuzzer target.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
