// What waking a thread that sleeps on the other CPU costs the thread that wakes it: the price a
// load generator pays each time its send finds the server asleep (docs/performance.md, "where
// the C loop's lead comes from"). A reader on CPU 0 blocks on an eventfd; the writer on CPU 1
// writes to it, then spins 50 µs so the reader is asleep again (and CPU 0 idle) before the next
// write. Printed: the mean time of one write(). With an argument the reader polls without
// sleeping instead, which gives the same write() when no wake-up is needed.
// Usage: gcc -O2 -pthread -o wakeup-cost wakeup-cost.c && ./wakeup-cost && ./wakeup-cost spin
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

static int descriptor;
static int spinning;

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void pin(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  sched_setaffinity(0, sizeof set, &set);
}

static void *reader(void *unused) {
  (void)unused;
  pin(0);
  uint64_t value;
  for (;;) {
    while (read(descriptor, &value, sizeof value) < 0) {
      // Non-blocking in the spinning mode: try again at once.
    }
  }
  return NULL;
}

int main(int argc, char **argv) {
  (void)argv;
  spinning = argc > 1;
  descriptor = eventfd(0, spinning ? EFD_NONBLOCK : 0);
  if (descriptor < 0) { perror("eventfd"); return 1; }
  pthread_t thread;
  pthread_create(&thread, NULL, reader, NULL);
  pin(1);
  usleep(10000);
  const int writes = 20000;
  uint64_t total = 0, one = 1;
  for (int i = 0; i < writes; i++) {
    uint64_t start = now_ns();
    if (write(descriptor, &one, sizeof one) != sizeof one) { perror("write"); return 1; }
    total += now_ns() - start;
    for (uint64_t spin = now_ns(); now_ns() - spin < 50000;) {
    }
  }
  printf("%s: one write() %.2f us\n", spinning ? "reader polling, no wake-up" : "reader asleep on CPU 0",
         (double)total / 1000.0 / writes);
  return 0;
}
