import HandoutBatch
import HandoutCore
import HandoutSupport

/// The batch page's words for its columns and for a file it cannot use, in English and Spanish:
/// in staff's words, never a command-line flag (the CLI's `BatchError` messages say `--map`).
/// Headers quoted from the file go through `EchoedText.escaped` (the page escapes them again
/// as HTML).
struct ColumnWords: Sendable {
    let spanish: Bool
    let text: UIText

    init(_ text: UIText) {
        self.text = text
        spanish = text.code == "es"
    }

    var notUsed: String { spanish ? "No se usa" : "Not used" }
    var wholeName: String { spanish ? "Nombre completo (Apellidos, Nombre o Nombre Apellidos)" : "Whole name (Last, First or First Last)" }
    var hint: String {
        spanish ? "Cada columna del archivo y el campo que contiene. Elija el campo de una columna que Handout no reconoció; la cuenta de abajo sigue su elección."
            : "Each column of the file and the field it holds. Choose the field of a column Handout did not recognize; the count below follows your choices."
    }
    /// A column whose header is empty, by its position.
    var unnamed: String { spanish ? "(columna %d, sin nombre)" : "(column %d, no name)" }
    var tooManyColumns: String {
        spanish ? "Este archivo tiene demasiadas columnas (%d) para elegirlas aquí: se usan las columnas reconocidas."
            : "This file has too many columns (%d) to choose them here: the recognized columns are used."
    }
    var recount: String { spanish ? "Volver a contar" : "Check again" }
    var save: String { spanish ? "Guardar estas columnas" : "Save this mapping" }
    var saveHint: String {
        spanish ? "Guarda su elección en el archivo de configuración: la próxima exportación con estas columnas no necesitará elegir nada."
            : "Saves your choices in the settings file, so the next export with these columns needs no choosing."
    }
    var noSettingsFile: String {
        spanish ? "Este servidor funciona sin archivo de configuración, así que su elección vale solo para este archivo. Para guardarla, pida a quien instaló Handout que lo inicie con un archivo de configuración (handout.yaml)."
            : "This server runs without a settings file, so your choices apply to this file only. To keep them, ask whoever set up Handout to start it with a settings file (handout.yaml)."
    }
    var saved: String {
        spanish ? "Guardado en el archivo de configuración: la próxima exportación con estas columnas no necesitará elegir nada."
            : "Saved in the settings file: the next export with these columns needs no choosing."
    }
    var nothingToSave: String {
        spanish ? "No hay nada que guardar: Handout reconoce por sí mismo cada columna elegida." : "Nothing to save: Handout recognizes every chosen column by itself."
    }

    /// A field as the page names it: "Date of birth", "Whole name (…)"; a field the form has no
    /// label for by its settings name.
    func label(_ field: String) -> String {
        if field == ColumnChoices.fullName { return wholeName }
        return PatientField.allCases.first { $0.flatName == field }.flatMap { text.fieldLabels[$0] } ?? field
    }

    private func quoted(_ header: String) -> String { "“\(EchoedText.escaped(header))”" }

    func choiceProblem(_ problem: ColumnChoices.ChoiceProblem) -> String {
        switch problem {
        case let .twoColumns(field):
            return spanish ? "Hay dos columnas elegidas para «\(label(field))»: elija una sola columna para cada campo."
                : "Two columns are set to “\(label(field))”: choose one column for each field."
        case .busy:
            return text.busy
        case .unknownField:
            return spanish ? "El navegador envió un campo que esta página no conoce. Cargue la página de nuevo." : "The browser sent a field this page does not know. Load the page again."
        }
    }

    func saveProblem(_ problem: SavedColumns.SaveProblem) -> String {
        switch problem {
        case .noFile: return noSettingsFile
        case let .handWritten(line, key):
            return spanish ? "La entrada \(key) del archivo de configuración (línea \(line)) está escrita de una forma que esta página no cambia: pida a quien lo mantiene que añada la columna a mano."
                : "The settings file's \(key) entry (line \(line)) is written in a way this page does not change: ask whoever keeps the settings file to add the column by hand."
        case let .unreadable(reason), let .unwritable(reason):
            return spanish ? "No se pudo guardar el archivo de configuración (\(reason))." : "The settings file could not be saved (\(reason))."
        }
    }

    /// Why the file cannot be used as it is, and what to do on this page.
    func problem(_ error: any Error) -> String {
        guard let error = error as? BatchError else {
            if let error = error as? FileWriteError {
                return spanish ? "No se pudo guardar el archivo en el servidor (\(error.reason))." : "The upload could not be saved on the server (\(error.reason))."
            }
            return spanish ? "No se puede usar el archivo." : "The file cannot be used."
        }
        switch error {
        case let .missingColumns(_, fields, found) where found != nil:
            let names = fields.map { text.label($0) }.joined(separator: ", ")
            return spanish ? "Ninguna columna está elegida para: \(names). Elija arriba la columna que contiene cada uno."
                : "No column is chosen for: \(names). Choose the column that holds each in the list above."
        case .missingColumns:
            return spanish ? "La primera línea del archivo no nombra ninguna columna que Handout conozca; puede ser la fila de un paciente, así que no se muestra. Exporte el archivo de nuevo con una primera fila que nombre las columnas (como Nombre, Apellidos, Fecha de nacimiento)."
                : "The first line of the file names no column Handout knows, so it may be a patient's row and is not shown. Export the file again with a first row that names the columns (like First Name, Last Name, DOB)."
        case let .ambiguousColumn(_, field, headers):
            let columns = headers.map(quoted).joined(separator: spanish ? " y " : " and ")
            return spanish ? "Las columnas \(columns) podrían ser «\(label(field))»: elija arriba la que lo contiene y «\(notUsed)» para las otras."
                : "The columns \(columns) could each be “\(label(field))”: choose in the list above the one that holds it, and “\(notUsed)” for the others."
        case let .mappedHeaderNotFound(field, header, _):
            return spanish ? "Las columnas guardadas dicen que \(quoted(header)) contiene «\(label(field))», pero este archivo no tiene esa columna: elija arriba la que lo contiene."
                : "The saved columns say \(quoted(header)) holds “\(label(field))”, but this file has no such column: choose in the list above the one that holds it."
        case let .sameColumn(fields, header):
            let names = fields.map(label).joined(separator: ", ")
            return spanish ? "La columna \(quoted(header)) está elegida para más de un campo (\(names)): para una columna con el nombre completo elija «\(wholeName)»."
                : "The column \(quoted(header)) is set to more than one field (\(names)): for one column holding the whole name choose “\(wholeName)”."
        case let .everyRowFails(_, rows, problem, hint):
            var words = spanish ? "No se puede crear ninguna de las \(rows) filas: \(problem)." : "None of the \(rows) rows can be made: \(problem)."
            if hint != nil {
                words += spanish ? " Las fechas parecen escritas en otro orden que el formato de fecha del archivo de configuración: compruebe arriba la columna de la fecha de nacimiento, o pida a quien mantiene el archivo que cambie su formato de fecha."
                    : " The dates seem written in another order than the settings file's date format: check the date of birth column in the list above, or ask whoever keeps the settings file to change its date format."
            }
            return words
        case let .notUTF8(_, line):
            return spanish ? "La línea \(line) no es texto UTF-8: exporte el archivo de nuevo como «CSV UTF-8» (en Excel: Guardar como > CSV UTF-8)."
                : "Line \(line) is not UTF-8 text: export the file again as “CSV UTF-8” (in Excel: Save As > CSV UTF-8)."
        case let .notText(_, line, encoding):
            return spanish ? "La línea \(line) no se puede leer como texto \(encoding.displayName): exporte el archivo de nuevo como «CSV UTF-8» (en Excel: Guardar como > CSV UTF-8)."
                : "Line \(line) cannot be read as \(encoding.displayName) text: export the file again as “CSV UTF-8” (in Excel: Save As > CSV UTF-8)."
        case let .oneColumnHeader(_, separators):
            let held = separators.map { $0 == .tab ? (spanish ? "tabuladores" : "tabs") : "“\($0.character)”" }.joined(separator: spanish ? " y " : " and ")
            return spanish ? "La primera línea se lee como una sola columna que contiene \(held): Handout no reconoce cómo se separan las columnas. Exporte el archivo de nuevo como CSV, o pida a quien mantiene el archivo de configuración que indique su separador."
                : "The first line reads as one column holding \(held): Handout cannot tell how the columns are separated. Export the file again as CSV, or ask whoever keeps the settings file to set its separator."
        case .noHeaderRow:
            return spanish ? "El archivo está vacío: su primera línea debe nombrar las columnas." : "The file is empty: its first line must name the columns."
        case let .unreadableInput(_, reason), let .outputDirectory(_, reason), let .rendererUnavailable(reason):
            return spanish ? "No se puede usar el archivo (\(reason))." : "The file cannot be used (\(reason))."
        case .badMapping, .unknownField, .badDateFormat, .badShard, .unreadableManifest, .passwordColumnNotFound, .passwordColumnNeedsCSV,
             .passwordColumnIsField:
            // Settings the server checked when it started, or flags the page does not have.
            return spanish ? "No se puede usar el archivo con la configuración de este servidor." : "The file cannot be used with this server's settings."
        }
    }
}
