// Bytes libcurl hands over piece by piece, kept in one buffer that outlives transfers.

/// A growable byte buffer that keeps its memory between transfers.
///
/// libcurl calls back once per header line and once per body chunk; appending to an Array
/// there costs a uniqueness check and growth per call. This buffer is a memcpy per call, and
/// once it has grown to a response's size it allocates nothing more; `bytes()` makes the one
/// exact-size Array a response owns.
struct ReceiveBuffer: ~Copyable {
    private var storage: UnsafeMutableRawPointer?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    deinit {
        storage?.deallocate()
    }

    /// Appends `bytes`, growing (doubling) when they do not fit.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity {
            grow(toAtLeast: count + bytes.count)
        }
        guard let storage else { return }
        (storage + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    /// Forgets the contents, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    /// The contents as an Array of exactly `count` bytes.
    func bytes() -> [UInt8] {
        guard let storage, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: storage, count: count))
    }

    private mutating func grow(toAtLeast needed: Int) {
        let newCapacity = max(needed, capacity * 2, 512)
        let newStorage = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        if let storage {
            newStorage.copyMemory(from: storage, byteCount: count)
            storage.deallocate()
        }
        storage = newStorage
        capacity = newCapacity
    }
}
