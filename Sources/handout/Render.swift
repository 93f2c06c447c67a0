import ArgumentParser
import Foundation
import HandoutBatch
import HandoutCore
import HandoutRender
import HandoutSupport

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Make one patient's handout.")

    @Option(help: ArgumentHelp("The patient record (JSON).", valueName: "patient.json"))
    var patient: String

    @Option(help: ArgumentHelp("Where to write the PDF.", valueName: "file.pdf"))
    var output: String

    @OptionGroup var settings: RenderSettings

    @OptionGroup var preview: PreviewSettings

    func run() throws {
        try exitOnFailure {
            let configuration = try settings.configFile.load()
            let request = try settings.request(configuration, previewDPI: preview.dpi)
            try preview.refuse(password: settings.passwordSource(request))
            let previewStem = try preview.png.map { _ in try Self.previewStem(output) }
            let profile = try PatientJSON.load(path: patient, today: today, languages: configuration.languages)
            let languages = try request.languageOptions()
            let language = try languages.language(for: profile, source: patient)
            for warning in RecordWarning.of(profile, language: language, today: today) {
                let line = "handout: warning: \(EchoedText.escaped(patient)): field '\(warning.field.rawValue)' \(warning.words(language))\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
            let handout = try HandoutRenderer(options: try languages.options(for: profile, source: patient).options)
                .render(profile, source: patient, noticeLanguage: languages.noticeLanguage(for: profile))
            let written: OutputPath.Written
            do throws(FileWriteError) {
                written = try OutputPath.write(handout.data, to: output, inputs: [patient] + [request.content, settings.clinic, request.passwordFile, configuration.file].compactMap { $0 })
            } catch {
                throw FileWriteError.unwritable(path: output, reason: error.reason)
            }
            var summary = ["\(output): \(handout.pages) pages, \(handout.data.count) bytes"]
            if let folder = preview.png, let previewStem {
                let names: [String]
                do throws(FileWriteError) {
                    try PrivateDirectory.prepare(folder)
                    names = try PreviewFiles.write(handout.previews, directory: folder, stem: previewStem, tag: "render")
                } catch {
                    throw FileWriteError.unwritable(path: folder, reason: error.reason)
                }
                summary.append("previews: \(folder)/\(names.first ?? "") to \(names.last ?? "") (\(names.count) images)")
            }
            let text = summary.joined(separator: "\n")
            if written == .file { print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
        }
    }

    /// The page images are named after the PDF (handout.pdf: handout-p1.png, ...), by the rule
    /// a batch's record ids follow.
    private static func previewStem(_ output: String) throws -> String {
        let stem = URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
        if let problem = RecordFileName.problem(with: stem) {
            throw ValidationError("--png names the page images after the --output file, but its name \(problem)")
        }
        return stem
    }
}

/// Prints one clear line for any error and exits 2: the run could not be done, nothing written.
func exitOnFailure(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        FileHandle.standardError.write(Data("handout: error: \(message)\n".utf8))
        throw ExitCode(2)
    }
}
