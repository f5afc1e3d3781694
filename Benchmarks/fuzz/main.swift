// fcharness-fuzz: seeded mutation fuzzing of the JSON parser, the spec and overlay loaders, the scenario and
// load-profile loaders, the template engine and the results file's reader and renderers, in-process,
// one input at a time.
//
// Usage: fcharness-fuzz --target NAME[,NAME…]|all [--inputs N] [--seed S] [--skip K]
//                       [--time-limit SECONDS] [--memory-limit MB] [--out FOLDER]
//        fcharness-fuzz --target NAME --replay FILE
//   Targets: json, spec, scenario, profile, template, overlay, results. Run from the package folder
//   (seeds are read from scenarios/, Benchmarks/fuzz-seeds/ and ../shared/json-test-suite/).
//   Inputs K..<K+N of seed S are the same bytes on every machine; `results`, whose inputs each
//   render whole reports, runs N/10 of them. Before an input runs it is written to FOLDER/current-NAME
//   (default .build/fuzz): after a crash that file is the reproducer. An input running longer
//   than the time limit (default 2 s) is a hang, a process bigger than the memory limit
//   (default 2048 MB) is runaway memory; either keeps the input as FOLDER/hang-NAME-I (or
//   memory-…) and exits 3. A broken round trip keeps it as finding-NAME-I and exits 1.
//   --replay runs one saved input and says what happened.

import Foundation

/// Writes a line to standard output at once (print's buffer would be lost to a crash).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

struct Options {
    var targets: [String] = []
    var inputs = 2000
    var seed: UInt64 = 1
    var skip = 0
    var timeLimit = 2.0
    var memoryLimit = 2048
    var out = ".build/fuzz"
    var replay: String?

    init(_ arguments: [String]) throws(FuzzSetupError) {
        var arguments = arguments[...]
        while let flag = arguments.popFirst() {
            guard let value = arguments.popFirst() else { throw FuzzSetupError("\(flag) needs a value") }
            switch flag {
            case "--target": targets = value == "all" ? FuzzTarget.names : value.split(separator: ",").map(String.init)
            case "--inputs": inputs = try Self.number(value, flag)
            case "--seed": seed = UInt64(try Self.number(value, flag))
            case "--skip": skip = try Self.number(value, flag)
            case "--time-limit":
                guard let seconds = Double(value), seconds > 0 else { throw FuzzSetupError("--time-limit \(value): expected seconds") }
                timeLimit = seconds
            case "--memory-limit": memoryLimit = try Self.number(value, flag)
            case "--out": out = value
            case "--replay": replay = value
            default: throw FuzzSetupError("unknown option \(flag)")
            }
        }
        guard !targets.isEmpty else { throw FuzzSetupError("--target is required: one of \(FuzzTarget.names.joined(separator: ", ")) or all") }
    }

    private static func number(_ text: String, _ flag: String) throws(FuzzSetupError) -> Int {
        guard let value = Int(text), value >= 0 else { throw FuzzSetupError("\(flag) \(text): expected a whole number") }
        return value
    }
}

/// Runs inputs `skip..<skip+inputs` of one target and prints its line; exits on a finding.
func fuzz(_ target: FuzzTarget, options: Options, watchdog: Watchdog) throws(FuzzSetupError) {
    let mutator = Mutator(seeds: target.seeds, tokens: target.tokens, openers: target.openers, seed: options.seed)
    let reproducer = try Reproducer(folder: options.out, target: target.name)
    watchdog.watch(target.name, reproducer: reproducer)
    var accepted = 0
    var slowest: (nanoseconds: UInt64, number: Int) = (0, 0)
    let started = Watchdog.now()
    let inputs = max(1, options.inputs / target.inputDivisor)
    for number in options.skip..<(options.skip + inputs) {
        let bytes = mutator.input(number)
        reproducer.record(bytes)
        watchdog.begin(number)
        do {
            if try target.run(bytes) { accepted += 1 }
        } catch {
            _ = watchdog.end()
            say("\(target.name): finding on input \(number): \(error); reproducer \(reproducer.keep(as: "finding-\(target.name)-\(number)"))")
            exit(1)
        }
        let elapsed = watchdog.end()
        if elapsed > slowest.nanoseconds { slowest = (elapsed, number) }
    }
    reproducer.remove()
    let seconds = Double(Watchdog.now() - started) / 1e9
    say("\(target.name): \(inputs) inputs, 0 crashes, 0 hangs "
        + "(\(target.seeds.count) seeds, \(accepted) accepted, \(String(format: "%.1f", seconds)) s, "
        + "slowest input #\(slowest.number) \(String(format: "%.1f", Double(slowest.nanoseconds) / 1e6)) ms)")
}

/// Runs one saved input.
func replay(_ path: String, on target: FuzzTarget, watchdog: Watchdog, options: Options) throws(FuzzSetupError) {
    guard let data = FileManager.default.contents(atPath: path) else { throw FuzzSetupError("cannot read \(path)") }
    let reproducer = try Reproducer(folder: options.out, target: target.name + "-replay")
    watchdog.watch(target.name, reproducer: reproducer)
    let bytes = [UInt8](data)
    reproducer.record(bytes)
    watchdog.begin(0)
    let outcome: String
    do { outcome = try target.run(bytes) ? "accepted" : "rejected (a typed error)" } catch { outcome = "finding: \(error)" }
    let elapsed = watchdog.end()
    reproducer.remove()
    say("\(target.name): \(path): \(outcome) in \(String(format: "%.1f", Double(elapsed) / 1e6)) ms")
}

do {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let watchdog = Watchdog(timeLimitSeconds: options.timeLimit, memoryLimitMegabytes: options.memoryLimit)
    for name in options.targets {
        let target = try FuzzTarget.named(name)
        if let path = options.replay {
            try replay(path, on: target, watchdog: watchdog, options: options)
        } else {
            try fuzz(target, options: options, watchdog: watchdog)
        }
    }
} catch {
    FileHandle.standardError.write(Data("fcharness-fuzz: \(error)\n".utf8))
    exit(2)
}
