// Four threads append to an array guarded by Synchronization.Mutex: correct code. Under
// ThreadSanitizer on Linux it is reported as a data race, because TSan cannot see that lock.
import Foundation
import Synchronization

final class Guarded: Sendable {
    let values = Mutex<[Int]>([])
}
let guarded = Guarded()
let group = DispatchGroup()
for thread in 0..<4 {
    group.enter()
    Thread {
        for index in 0..<20_000 { guarded.values.withLock { $0.append(thread * 100_000 + index) } }
        group.leave()
    }.start()
}
group.wait()
print("Mutex: \(guarded.values.withLock { $0.count }) values")
