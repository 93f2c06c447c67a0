#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt), for a program that keeps its own main: the fuzz build
/// links it with -sanitize=fuzzer; the ordinary build never calls it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
