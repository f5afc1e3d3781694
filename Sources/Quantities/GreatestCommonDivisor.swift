// Weights in a load profile's mix are compared by proportion: 70 and 30 are 7 and 3.

/// Euclid's greatest common divisor of two non-negative integers; of 0 and n, n.
public func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
    var (a, b) = (a, b)
    while b != 0 { (a, b) = (b, a % b) }
    return a
}
