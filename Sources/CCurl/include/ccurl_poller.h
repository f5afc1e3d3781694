// The readiness side of Curl's event loop: which sockets libcurl wants watched, when it wants
// to be called back, and a wait for either. libcurl's socket and timer callbacks land here in
// C, so the loop's hot path never crosses into Swift for bookkeeping.
//
// Linux: level-triggered epoll, a timerfd on CLOCK_MONOTONIC for nanosecond deadlines, and an
// eventfd that other threads write to wake the loop (the pattern of curl's ephiperfifo.c).
// Elsewhere, or when built with -DCCURL_USE_POLL (`make test-poll` runs the Curl tests so on
// Linux, in CI): poll(2) over the watched sockets, a pipe for wake-ups, millisecond deadlines.
#ifndef CCURL_POLLER_H
#define CCURL_POLLER_H

#include <curl/curl.h>
#include <stdint.h>

/// One loop's readiness state. Owned by the loop thread; only `ccurl_wake` is for other threads.
typedef struct ccurl_poller ccurl_poller;

/// A socket libcurl should act on: pass `fd` and `flags` (CURL_CSELECT_IN|OUT|ERR) to
/// curl_multi_socket_action of the loop's multi handle number `multi`.
typedef struct {
    int fd;
    int flags;
    int multi;
    CURL *easy;  // the easy handle libcurl last named for the socket (NULL: none): a hint for
                 // `ccurl_warm_transfer`, never dereferenced
} ccurl_ready;

/// Creates a poller for at most `max_multis` multi handles (`ccurl_poller_add_multi`).
/// Returns NULL (errno set) when the system refuses the descriptors it needs.
ccurl_poller *ccurl_poller_create(int max_multis);

/// Installs the poller as `multi`'s socket and timer callbacks; returns the multi handle's
/// number (what `ccurl_ready.multi` names), or -1 when the poller has no room for another.
int ccurl_poller_add_multi(ccurl_poller *poller, CURLM *multi);

/// Frees the poller and closes its descriptors. Call after curl_multi_cleanup: libcurl may
/// still call the socket callback while it cleans up.
void ccurl_poller_destroy(ccurl_poller *poller);

/// Lets the poller see `easy`'s connection sockets open and close (CURLOPT_OPENSOCKETFUNCTION,
/// CURLOPT_CLOSESOCKETFUNCTION), so that an idle keep-alive connection can stay in the epoll
/// set between transfers instead of leaving and rejoining it for every request. Call once per
/// easy handle of the loop, before its first transfer.
void ccurl_poller_attach_easy(ccurl_poller *poller, CURL *easy);

/// The descriptor other threads pass to `ccurl_wake`.
int ccurl_poller_wake_fd(const ccurl_poller *poller);

/// Wakes the loop waiting on the poller whose `ccurl_poller_wake_fd` is `fd`. Any thread.
void ccurl_wake(int fd);

/// When multi handle number `multi` next wants `curl_multi_socket_action(CURL_SOCKET_TIMEOUT)`:
/// monotonic nanoseconds, or -1 for never. Set through CURLMOPT_TIMERFUNCTION.
int64_t ccurl_poller_curl_deadline(const ccurl_poller *poller, int multi);

/// The earliest deadline of every multi handle, or -1 when none wants a timeout call.
int64_t ccurl_poller_earliest_curl_deadline(const ccurl_poller *poller);

/// Whether the last timeout multi handle number `multi` asked for was 0 ms ("call me at once"),
/// as it does after a transfer is added; cheaper to ask than the clock.
int ccurl_poller_curl_wants_call_now(const ccurl_poller *poller, int multi);

/// Forgets a multi handle's deadline; call just before handing libcurl the timeout it asked for.
void ccurl_poller_clear_curl_deadline(ccurl_poller *poller, int multi);

/// How many sockets libcurl currently asks to be watched.
int ccurl_poller_watched_count(const ccurl_poller *poller);

/// Waits until a watched socket is ready, `deadline_ns` (monotonic; -1: no deadline; at or
/// before now: do not block) passes, or another thread wakes the loop. Writes up to
/// `capacity` ready sockets to `ready` and returns their number (0 for a deadline or a
/// wake-up), or -1 with errno set when the wait itself failed (EINTR is retried inside).
int ccurl_poller_wait(ccurl_poller *poller, int64_t deadline_ns, ccurl_ready *ready, int capacity);

/// Starts fetching into cache the state of the transfer on a ready socket (its `easy`), ahead of
/// acting on it. Returns 1 when the poller knew a handle for the socket, 0 when it did not.
int ccurl_warm_transfer(ccurl_ready socket);

/// The monotonic clock, in nanoseconds: the one clock every loop time stamp is read from.
uint64_t ccurl_monotonic_ns(void);

#endif
