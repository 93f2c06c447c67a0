// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Handout",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handout", targets: ["handout"]),
        .library(name: "HandoutCore", targets: ["HandoutCore"]),
        .library(name: "HandoutLayout", targets: ["HandoutLayout"]),
        .library(name: "HandoutPDF", targets: ["HandoutPDF"]),
        .library(name: "HandoutRender", targets: ["HandoutRender"]),
        .library(name: "HandoutBatch", targets: ["HandoutBatch"]),
        .library(name: "HandoutMail", targets: ["HandoutMail"]),
        .library(name: "HandoutSupport", targets: ["HandoutSupport"]),
        .library(name: "HandoutConfig", targets: ["HandoutConfig"]),
        .library(name: "HandoutServer", targets: ["HandoutServer"]),
        .library(name: "HandoutRequest", targets: ["HandoutRequest"]),
        .library(name: "HandoutLedger", targets: ["HandoutLedger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev", "libfontconfig-dev"])]
        ),
        // Inflating and deflating page content streams in the finishing pass.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // A clinic's SVG logo, drawn as vector graphics.
        .systemLibrary(name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        // Reading a clinic's SVG logo before anything draws it: only a safe subset passes.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The QR code for a clinic's web page.
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(
            name: "CQPDF",
            pkgConfig: "libqpdf",
            providers: [.apt(["libqpdf-dev"])]
        ),
        // What several modules share: durable private files, the one record-id file-name rule,
        // the CSV dialect, SHA-256 hex.
        .target(name: "HandoutSupport", dependencies: [
            .product(name: "CSV", package: "CSV.swift"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(
            name: "HandoutCore",
            dependencies: [.product(name: "Yams", package: "Yams"), "CLibXML2"],
            resources: [.copy("Resources")]
        ),
        .target(name: "HandoutLayout", dependencies: ["HandoutCore", "CPangoCairo", "CRsvg", "CQREncode"]),
        // Reads the display list only: no patient, no content.
        .target(name: "HandoutPDF", dependencies: ["HandoutCore", "HandoutLayout", "CPangoCairo", "CQPDF", "CZlib"]),
        // The pipeline: validate, compose, lay out, draw, finish; the renderers of a batch.
        .target(name: "HandoutRender", dependencies: ["HandoutCore", "HandoutLayout", "HandoutPDF", "HandoutBatch", "HandoutSupport"]),
        .target(
            name: "HandoutBatch",
            dependencies: ["HandoutCore", "HandoutSupport", .product(name: "CSV", package: "CSV.swift")]
        ),
        // The settings file (handout.yaml): found, read and checked, each problem at its line and column.
        .target(name: "HandoutConfig", dependencies: [
            "HandoutCore", "HandoutLayout", "HandoutBatch", "HandoutMail", "HandoutRender", "HandoutSupport", .product(name: "Yams", package: "Yams"),
        ]),
        // What was made and sent, across batch folders and weeks: an SQLite file (GRDB), fed from
        // each folder's manifest and mail journal; no name, date or address in it.
        .target(name: "HandoutLedger", dependencies: [
            "HandoutBatch", "HandoutMail", "HandoutSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .executableTarget(
            name: "handout",
            dependencies: [
                "HandoutCore", "HandoutLayout", "HandoutPDF", "HandoutRender", "HandoutBatch", "HandoutMail", "HandoutSupport", "HandoutConfig",
                "HandoutServer", "HandoutLedger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "HandoutMail",
            dependencies: [
                "HandoutSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Resources")]
        ),
        // What a request to `handout serve` carries, read by parsers with an error path for any
        // input (fuzzed): form fields (URL-encoded, multipart), the session cookie, Host and Origin.
        .target(name: "HandoutRequest", dependencies: [.product(name: "NIOCore", package: "swift-nio")]),
        // `handout serve`: the form and batch pages over HTTP (Hummingbird), the same engine as the CLI.
        .target(name: "HandoutServer", dependencies: [
            "HandoutCore", "HandoutLayout", "HandoutPDF", "HandoutRender", "HandoutBatch", "HandoutConfig", "HandoutMail", "HandoutSupport", "HandoutRequest", "HandoutLedger",
            "CZlib", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HummingbirdTLS", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ], resources: [.copy("Static")],
        // Only what a file imports lends it members: GRDB (behind HandoutLedger) makes a string
        // literal whose type is inferred an SQL value, and `.map { "<li>…" }.joined()` its SQL.
        swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        .executableTarget(name: "handout-mail-bench", dependencies: ["HandoutMail", .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "handout-render-bench", dependencies: ["HandoutCore", "HandoutLayout", "HandoutPDF"]),
        // libFuzzer targets for the patient JSON → PDF path and the CSV reader (scripts/fuzz.sh);
        // built without -DFUZZING it replays saved inputs.
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "handout-fuzz", dependencies: [
            "CLibFuzzer", "HandoutCore", "HandoutRender", "HandoutBatch", "HandoutRequest", .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "HandoutCoreTests", dependencies: ["HandoutCore", "HandoutTestSupport"]),
        .testTarget(name: "HandoutLayoutTests", dependencies: ["HandoutCore", "HandoutLayout", "HandoutTestSupport"]),
        // The PDF reader, the incremental update, string encoding, the Cairo handles, tags per page.
        .testTarget(name: "HandoutPDFTests", dependencies: ["HandoutCore", "HandoutLayout", "HandoutPDF", "HandoutTestSupport", "CPangoCairo"]),
        // The settings file and the shared files and CSV dialect, in-process.
        .testTarget(name: "HandoutConfigTests", dependencies: ["HandoutConfig", "HandoutBatch", "HandoutCore", "HandoutLayout"]),
        .testTarget(name: "HandoutSupportTests", dependencies: ["HandoutSupport"]),
        .testTarget(name: "HandoutRequestTests", dependencies: ["HandoutRequest", .product(name: "NIOCore", package: "swift-nio")]),
        .testTarget(name: "HandoutLedgerTests", dependencies: ["HandoutLedger", "HandoutBatch", "HandoutMail", "HandoutTestSupport",
                                                               .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "HandoutRenderTests", dependencies: ["HandoutCore", "HandoutRender"]),
        // Shared by the test targets: temporary directories, running the built `handout`.
        .target(name: "HandoutTestSupport", path: "Tests/HandoutTestSupport"),
        // Runs the built `handout` binary end to end: render, batch, mail, check.
        .testTarget(name: "HandoutCLITests", dependencies: [
            "handout", "HandoutBatch", "HandoutConfig", "HandoutCore", "HandoutRender", "HandoutSupport", "HandoutTestSupport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "HandoutBatchTests", dependencies: ["HandoutBatch", "HandoutCore", "HandoutSupport", "HandoutTestSupport"], exclude: ["Workers"]),
        .testTarget(name: "HandoutServerTests", dependencies: [
            "handout", "HandoutServer", "HandoutConfig", "HandoutCore", "HandoutMail", "HandoutTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        .testTarget(
            name: "HandoutMailTests",
            dependencies: [
                "HandoutMail",
                "HandoutSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
