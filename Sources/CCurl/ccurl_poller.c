// The readiness side of Curl's event loop (see ccurl_poller.h): libcurl's socket and timer
// callbacks, and one wait over sockets, a deadline and a wake-up descriptor.
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include "ccurl_poller.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__) && !defined(CCURL_USE_POLL)
#define CCURL_EPOLL 1
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#else
#include <poll.h>
#endif

uint64_t ccurl_monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

/// One multi handle of the loop: its own timer, and the socket events that are its own.
typedef struct {
    ccurl_poller *poller;
    CURLM *multi;
    int index;
    int64_t curl_deadline_ns;  // -1: libcurl wants no timeout call
    int curl_wants_call_now;   // the last timeout libcurl asked for was 0 ms
} multi_slot;

#ifdef CCURL_EPOLL
/// What the poller knows of one descriptor (indexed by its number).
typedef struct {
    unsigned char registered;  // the events in the epoll set: EPOLLIN / EPOLLOUT bits, 0 when not in it
    unsigned char wanted;      // libcurl asked for events and has not said REMOVE since
    unsigned char ours;        // opened by ccurl_open_socket: its close comes through ccurl_close_socket
    unsigned short slot;       // the multi handle the socket's transfer belongs to
    CURL *easy;                // the easy handle libcurl last named for it: a prefetch hint, never dereferenced
} fd_entry;
#endif

#ifndef CCURL_EPOLL
/// Whose a watched socket is (poll(2) build, beside its pollfd).
typedef struct {
    int multi;                 // the multi handle the socket's transfer belongs to
    CURL *easy;                // the easy handle libcurl last named for it: a prefetch hint, never dereferenced
} fd_owner;
#endif

struct ccurl_poller {
    multi_slot *slots;         // fixed at creation: libcurl holds pointers into it
    int slot_count;
    int slot_capacity;
    int watched;               // sockets libcurl asked us to watch
    int wake_read_fd;          // the loop drains this
    int wake_write_fd;         // other threads write this (the same eventfd on Linux)
#ifdef CCURL_EPOLL
    int epoll_fd;
    int timer_fd;
    int64_t timer_armed_ns;    // the deadline the timerfd holds, -1 when disarmed
    struct epoll_event events[256];
    fd_entry *entries;         // by descriptor number
    int entry_capacity;
#else
    struct pollfd *fds;        // fds[0] is the wake pipe; then the watched sockets
    fd_owner *fd_owners;       // whose each watched socket is, beside fds
    int fd_count;
    int fd_capacity;
#endif
};

// MARK: Watching sockets

#ifdef CCURL_EPOLL
// An idle keep-alive connection stays in the epoll set between its transfers, listening for
// input only: libcurl says REMOVE after each transfer and asks again for the next, and an
// epoll_ctl DEL + ADD pair per request (each ADD allocating a kernel epitem) is what a
// socket-driven loop would otherwise pay over curl_multi_perform. This is safe only for
// sockets whose close the poller sees (it forgets them there): those libcurl opens through
// ccurl_open_socket. Any other descriptor (a resolver's) leaves the set on REMOVE. An event
// on a socket libcurl does not want (the server closed an idle connection) removes it then.

static uint32_t epoll_events_for(int what) {
    uint32_t events = 0;
    if (what & CURL_POLL_IN) events |= EPOLLIN;
    if (what & CURL_POLL_OUT) events |= EPOLLOUT;
    return events;
}

static fd_entry *entry_for(ccurl_poller *poller, int fd) {
    if (fd < 0) return NULL;
    if (fd >= poller->entry_capacity) {
        int capacity = poller->entry_capacity ? poller->entry_capacity : 1024;
        while (capacity <= fd) capacity *= 2;
        fd_entry *grown = realloc(poller->entries, (size_t)capacity * sizeof *grown);
        if (!grown) return NULL;
        memset(grown + poller->entry_capacity, 0, (size_t)(capacity - poller->entry_capacity) * sizeof *grown);
        poller->entries = grown;
        poller->entry_capacity = capacity;
    }
    return &poller->entries[fd];
}

static int set_events(ccurl_poller *poller, fd_entry *entry, int fd, uint32_t events) {
    if (entry->registered == events) return 0;
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = events;
    event.data.fd = fd;
    int op = entry->registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(poller->epoll_fd, op, fd, &event) != 0) {
        // The set may know better than the table (a number reused after a close the poller
        // did not see): try the other operation once.
        int retry = op == EPOLL_CTL_ADD ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
        if (epoll_ctl(poller->epoll_fd, retry, fd, &event) != 0) return -1;
    }
    entry->registered = (unsigned char)events;
    return 0;
}

static void leave_set(ccurl_poller *poller, fd_entry *entry, int fd) {
    if (!entry->registered) return;
    // Fails harmlessly when the descriptor is already closed (the kernel dropped it then).
    epoll_ctl(poller->epoll_fd, EPOLL_CTL_DEL, fd, NULL);
    entry->registered = 0;
}

static int watch(ccurl_poller *poller, curl_socket_t socket, int what, int slot, CURL *easy) {
    fd_entry *entry = entry_for(poller, socket);
    if (!entry) return -1;
    entry->easy = easy;
    if (set_events(poller, entry, socket, epoll_events_for(what)) != 0) return -1;
    if (!entry->wanted) poller->watched++;
    entry->wanted = 1;
    entry->slot = (unsigned short)slot;
    return 0;
}

static void unwatch(ccurl_poller *poller, curl_socket_t socket) {
    fd_entry *entry = entry_for(poller, socket);
    if (!entry) return;
    if (entry->wanted) poller->watched--;
    entry->wanted = 0;
    if (entry->ours && entry->registered == EPOLLIN) return;  // kept for the next transfer
    leave_set(poller, entry, socket);
}

// CURLOPT_OPENSOCKETFUNCTION: the socket libcurl asked for, marked as one whose close we see.
static curl_socket_t open_socket(void *client, curlsocktype purpose, struct curl_sockaddr *address) {
    (void)purpose;
    ccurl_poller *poller = client;
    curl_socket_t fd = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (fd == CURL_SOCKET_BAD) return fd;
    fd_entry *entry = entry_for(poller, fd);
    if (!entry) {
        close(fd);
        return CURL_SOCKET_BAD;
    }
    memset(entry, 0, sizeof *entry);
    entry->ours = 1;
    return fd;
}

// CURLOPT_CLOSESOCKETFUNCTION: libcurl closes a socket it opened through open_socket. The
// kernel removes a closed descriptor from the epoll set; the table forgets it too.
static int close_socket(void *client, curl_socket_t fd) {
    ccurl_poller *poller = client;
    fd_entry *entry = entry_for(poller, fd);
    if (entry) {
        if (entry->wanted) poller->watched--;
        memset(entry, 0, sizeof *entry);
    }
    return close(fd);
}

void ccurl_poller_attach_easy(ccurl_poller *poller, CURL *easy) {
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, poller);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, close_socket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, poller);
}
#else
static short poll_events_for(int what) {
    short events = 0;
    if (what & CURL_POLL_IN) events |= POLLIN;
    if (what & CURL_POLL_OUT) events |= POLLOUT;
    return events;
}

static int slot_of(const ccurl_poller *poller, int fd) {
    for (int slot = 1; slot < poller->fd_count; slot++) {
        if (poller->fds[slot].fd == fd) return slot;
    }
    return -1;
}

static int watch(ccurl_poller *poller, curl_socket_t socket, int what, int multi, CURL *easy) {
    int slot = slot_of(poller, socket);
    if (slot < 0) {
        if (poller->fd_count == poller->fd_capacity) {
            int capacity = poller->fd_capacity * 2;
            struct pollfd *grown = realloc(poller->fds, (size_t)capacity * sizeof *grown);
            if (!grown) return -1;
            poller->fds = grown;
            fd_owner *grown_owners = realloc(poller->fd_owners, (size_t)capacity * sizeof *grown_owners);
            if (!grown_owners) return -1;
            poller->fd_owners = grown_owners;
            poller->fd_capacity = capacity;
        }
        slot = poller->fd_count++;
        poller->fds[slot].fd = socket;
        poller->watched++;
    }
    poller->fds[slot].events = poll_events_for(what);
    poller->fds[slot].revents = 0;
    poller->fd_owners[slot].multi = multi;
    poller->fd_owners[slot].easy = easy;
    return 0;
}

static void unwatch(ccurl_poller *poller, curl_socket_t socket) {
    int slot = slot_of(poller, socket);
    if (slot < 0) return;
    poller->fds[slot] = poller->fds[poller->fd_count - 1];
    poller->fd_owners[slot] = poller->fd_owners[poller->fd_count - 1];
    poller->fd_count--;
    poller->watched--;
}

void ccurl_poller_attach_easy(ccurl_poller *poller, CURL *easy) {
    (void)poller;
    (void)easy;  // poll(2) is told the descriptors afresh on every wait: nothing to track
}
#endif

// CURLMOPT_SOCKETFUNCTION: libcurl says which events it wants on a socket (deltas).
static int socket_callback(CURL *easy, curl_socket_t socket, int what, void *client, void *socket_data) {
    (void)socket_data;
    multi_slot *slot = client;
    if (what == CURL_POLL_REMOVE) {
        unwatch(slot->poller, socket);
        return 0;
    }
    // -1 makes libcurl fail the transfers: an error, never a silent hang.
    return watch(slot->poller, socket, what, slot->index, easy) == 0 ? 0 : -1;
}

// libcurl 7.88 keeps most of a transfer's state in its easy handle (struct Curl_easy, a few KB).
// At 4,096 connections that state has left every cache by the time the socket is ready again;
// prefetching the first 8 KB of it a few sockets ahead lets those misses overlap instead of
// stalling one by one. Measured at 4,096 connections, 23 paired rounds: faster in 19, by a
// median 3.5% (mean 6%), and steadier (slowest round 28.5k against 25.7k req/s); 4 KB gained
// less, 16 KB nothing. A prefetch never faults, whatever the address holds, so a stale hint (a
// handle freed since) costs a wasted fetch and nothing else. The addresses are computed as
// integers: 8 KB may run past the end of the handle's allocation, where pointer arithmetic
// would be undefined even without a load.
enum { warm_bytes = 8192 };

int ccurl_warm_transfer(ccurl_ready socket) {
    uintptr_t easy = (uintptr_t)socket.easy;
    if (!easy) return 0;
    for (uintptr_t offset = 0; offset < warm_bytes; offset += 64) __builtin_prefetch((const void *)(easy + offset));
    return 1;
}

// CURLMOPT_TIMERFUNCTION: one non-repeating timer, each call replacing the last. No libcurl
// call may happen in here, so it only records the deadline for the loop.
static int timer_callback(CURLM *multi, long timeout_ms, void *client) {
    (void)multi;
    multi_slot *slot = client;
    slot->curl_wants_call_now = timeout_ms == 0;
    if (timeout_ms < 0) {
        slot->curl_deadline_ns = -1;
    } else {
        slot->curl_deadline_ns = (int64_t)ccurl_monotonic_ns() + (int64_t)timeout_ms * 1000000;
    }
    return 0;
}

// MARK: Life cycle

static int set_nonblocking_cloexec(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) return -1;
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

ccurl_poller *ccurl_poller_create(int max_multis) {
    ccurl_poller *poller = calloc(1, sizeof *poller);
    if (!poller) return NULL;
    poller->slot_capacity = max_multis < 1 ? 1 : max_multis;
    poller->slots = calloc((size_t)poller->slot_capacity, sizeof *poller->slots);
    if (!poller->slots) {
        free(poller);
        return NULL;
    }
#ifdef CCURL_EPOLL
    poller->timer_armed_ns = -1;
    poller->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    poller->timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    int wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    poller->wake_read_fd = poller->wake_write_fd = wake;
    if (poller->epoll_fd < 0 || poller->timer_fd < 0 || wake < 0) {
        int saved = errno;
        if (poller->epoll_fd >= 0) close(poller->epoll_fd);
        if (poller->timer_fd >= 0) close(poller->timer_fd);
        if (wake >= 0) close(wake);
        free(poller->slots);
        free(poller);
        errno = saved;
        return NULL;
    }
    struct epoll_event event;
    memset(&event, 0, sizeof event);
    event.events = EPOLLIN;
    event.data.fd = poller->timer_fd;
    epoll_ctl(poller->epoll_fd, EPOLL_CTL_ADD, poller->timer_fd, &event);
    event.data.fd = wake;
    epoll_ctl(poller->epoll_fd, EPOLL_CTL_ADD, wake, &event);
#else
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        free(poller->slots);
        free(poller);
        return NULL;
    }
    set_nonblocking_cloexec(pipe_fds[0]);
    set_nonblocking_cloexec(pipe_fds[1]);
    poller->wake_read_fd = pipe_fds[0];
    poller->wake_write_fd = pipe_fds[1];
    poller->fd_capacity = 64;
    poller->fds = calloc((size_t)poller->fd_capacity, sizeof *poller->fds);
    poller->fd_owners = calloc((size_t)poller->fd_capacity, sizeof *poller->fd_owners);
    if (!poller->fds || !poller->fd_owners) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        free(poller->fds);
        free(poller->fd_owners);
        free(poller->slots);
        free(poller);
        return NULL;
    }
    poller->fds[0].fd = pipe_fds[0];
    poller->fds[0].events = POLLIN;
    poller->fd_count = 1;
#endif
    (void)set_nonblocking_cloexec;
    return poller;
}

int ccurl_poller_add_multi(ccurl_poller *poller, CURLM *multi) {
    if (poller->slot_count == poller->slot_capacity) return -1;
    int index = poller->slot_count++;
    multi_slot *slot = &poller->slots[index];
    slot->poller = poller;
    slot->multi = multi;
    slot->index = index;
    slot->curl_deadline_ns = -1;
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, socket_callback);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, slot);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, timer_callback);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, slot);
    return index;
}

void ccurl_poller_destroy(ccurl_poller *poller) {
    if (!poller) return;
#ifdef CCURL_EPOLL
    close(poller->epoll_fd);
    close(poller->timer_fd);
    close(poller->wake_read_fd);
    free(poller->entries);
    free(poller->slots);
#else
    close(poller->wake_read_fd);
    close(poller->wake_write_fd);
    free(poller->fds);
    free(poller->fd_owners);
    free(poller->slots);
#endif
    free(poller);
}

int ccurl_poller_wake_fd(const ccurl_poller *poller) { return poller->wake_write_fd; }

void ccurl_wake(int fd) {
#ifdef CCURL_EPOLL
    uint64_t one = 1;
    ssize_t written = write(fd, &one, sizeof one);
#else
    char one = 1;
    ssize_t written = write(fd, &one, 1);
#endif
    (void)written;  // EAGAIN means a wake-up is already pending: nothing is lost
}

int64_t ccurl_poller_curl_deadline(const ccurl_poller *poller, int multi) {
    return multi >= 0 && multi < poller->slot_count ? poller->slots[multi].curl_deadline_ns : -1;
}

void ccurl_poller_clear_curl_deadline(ccurl_poller *poller, int multi) {
    if (multi >= 0 && multi < poller->slot_count) {
        poller->slots[multi].curl_deadline_ns = -1;
        poller->slots[multi].curl_wants_call_now = 0;
    }
}

int ccurl_poller_curl_wants_call_now(const ccurl_poller *poller, int multi) {
    return multi >= 0 && multi < poller->slot_count && poller->slots[multi].curl_wants_call_now;
}

int64_t ccurl_poller_earliest_curl_deadline(const ccurl_poller *poller) {
    int64_t earliest = -1;
    for (int index = 0; index < poller->slot_count; index++) {
        int64_t deadline = poller->slots[index].curl_deadline_ns;
        if (deadline >= 0 && (earliest < 0 || deadline < earliest)) earliest = deadline;
    }
    return earliest;
}

int ccurl_poller_watched_count(const ccurl_poller *poller) { return poller->watched; }

static void drain(int fd) {
    char buffer[64];
    while (read(fd, buffer, sizeof buffer) > 0) {}
}

// MARK: Waiting

#ifdef CCURL_EPOLL
int ccurl_poller_wait(ccurl_poller *poller, int64_t deadline_ns, ccurl_ready *ready, int capacity) {
    int timeout_ms = -1;
    if (deadline_ns >= 0) {
        if (deadline_ns <= (int64_t)ccurl_monotonic_ns()) {
            timeout_ms = 0;
        } else if (poller->timer_armed_ns != deadline_ns) {
            struct itimerspec spec;
            memset(&spec, 0, sizeof spec);
            spec.it_value.tv_sec = deadline_ns / 1000000000;
            spec.it_value.tv_nsec = deadline_ns % 1000000000;
            if (timerfd_settime(poller->timer_fd, TFD_TIMER_ABSTIME, &spec, NULL) != 0) return -1;
            poller->timer_armed_ns = deadline_ns;
        }
    }
    int max_events = (int)(sizeof poller->events / sizeof poller->events[0]);
    if (capacity < max_events) max_events = capacity;
    if (max_events < 1) max_events = 1;
    int count;
    do {
        count = epoll_wait(poller->epoll_fd, poller->events, max_events, timeout_ms);
    } while (count < 0 && errno == EINTR);
    if (count < 0) return -1;
    int found = 0;
    for (int i = 0; i < count; i++) {
        int fd = poller->events[i].data.fd;
        uint32_t events = poller->events[i].events;
        if (fd == poller->timer_fd) {
            drain(fd);
            poller->timer_armed_ns = -1;
            continue;
        }
        if (fd == poller->wake_read_fd) {
            drain(fd);
            continue;
        }
        fd_entry *entry = entry_for(poller, fd);
        if (entry && !entry->wanted) {
            // An idle connection kept in the set had news (most likely the server closed it):
            // libcurl will find that out itself before reusing it; just stop listening.
            leave_set(poller, entry, fd);
            continue;
        }
        int flags = 0;
        if (events & (EPOLLIN | EPOLLHUP | EPOLLRDHUP)) flags |= CURL_CSELECT_IN;
        if (events & EPOLLOUT) flags |= CURL_CSELECT_OUT;
        if (events & EPOLLERR) flags |= CURL_CSELECT_ERR;
        ready[found].fd = fd;
        ready[found].flags = flags;
        ready[found].multi = entry ? entry->slot : 0;
        ready[found].easy = entry ? entry->easy : NULL;
        found++;
    }
    return found;
}
#else
int ccurl_poller_wait(ccurl_poller *poller, int64_t deadline_ns, ccurl_ready *ready, int capacity) {
    int timeout_ms = -1;
    if (deadline_ns >= 0) {
        int64_t remaining = deadline_ns - (int64_t)ccurl_monotonic_ns();
        if (remaining <= 0) {
            timeout_ms = 0;
        } else {
            int64_t ms = (remaining + 999999) / 1000000;  // round up: never wake before the deadline
            timeout_ms = ms > 2147483647 ? 2147483647 : (int)ms;
        }
    }
    int count;
    do {
        count = poll(poller->fds, (nfds_t)poller->fd_count, timeout_ms);
    } while (count < 0 && errno == EINTR);
    if (count < 0) return -1;
    if (poller->fds[0].revents) drain(poller->wake_read_fd);
    int found = 0;
    for (int slot = 1; slot < poller->fd_count && found < capacity; slot++) {
        short events = poller->fds[slot].revents;
        if (!events) continue;
        int flags = 0;
        if (events & (POLLIN | POLLHUP)) flags |= CURL_CSELECT_IN;
        if (events & POLLOUT) flags |= CURL_CSELECT_OUT;
        if (events & (POLLERR | POLLNVAL)) flags |= CURL_CSELECT_ERR;
        ready[found].fd = poller->fds[slot].fd;
        ready[found].flags = flags;
        ready[found].multi = poller->fd_owners[slot].multi;
        ready[found].easy = poller->fd_owners[slot].easy;
        found++;
    }
    return found;
}
#endif
