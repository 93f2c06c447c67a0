// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Handout",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "handout", targets: ["handout"]),
        .library(name: "HandoutCore", targets: ["HandoutCore"]),
        .library(name: "HandoutLayout", targets: ["HandoutLayout"]),
        .library(name: "HandoutPDF", targets: ["HandoutPDF"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfontconfig-dev"])]
        ),
        .systemLibrary(
            name: "CQPDF",
            pkgConfig: "libqpdf",
            providers: [.apt(["libqpdf-dev"])]
        ),
        .target(
            name: "HandoutCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources")]
        ),
        .target(name: "HandoutLayout", dependencies: ["HandoutCore", "CPangoCairo"]),
        .target(name: "HandoutPDF", dependencies: ["HandoutLayout", "CPangoCairo", "CQPDF"]),
        .executableTarget(
            name: "handout",
            dependencies: [
                "HandoutCore", "HandoutLayout", "HandoutPDF",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HandoutCoreTests", dependencies: ["HandoutCore"]),
        .testTarget(name: "HandoutLayoutTests", dependencies: ["HandoutLayout"]),
        .testTarget(name: "HandoutCLITests"),
    ],
    swiftLanguageModes: [.v6]
)
