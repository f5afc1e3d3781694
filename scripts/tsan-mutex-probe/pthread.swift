// The same program with a pthread mutex, which TSan intercepts: no report.
import Foundation

final class Guarded: @unchecked Sendable {  // every access below is under `mutex`
    var mutex = pthread_mutex_t()
    var values: [Int] = []
    init() { pthread_mutex_init(&mutex, nil) }
}
let guarded = Guarded()
let group = DispatchGroup()
for thread in 0..<4 {
    group.enter()
    Thread {
        for index in 0..<20_000 {
            pthread_mutex_lock(&guarded.mutex)
            guarded.values.append(thread * 100_000 + index)
            pthread_mutex_unlock(&guarded.mutex)
        }
        group.leave()
    }.start()
}
group.wait()
print("pthread mutex: \(guarded.values.count) values")
