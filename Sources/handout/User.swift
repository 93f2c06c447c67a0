import ArgumentParser
import Foundation
import HandoutServer

/// `handout user add NAME`: who may sign in to `handout serve --users FILE`.
struct User: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage who may sign in to `handout serve`.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user (or set a new password): asks for the password twice, stores only its bcrypt hash.")

        @Argument(help: "The user name: letters, digits, '.', '-' or '_'.")
        var name: String

        @Option(help: ArgumentHelp("The users file (created, mode 0600).", valueName: "file"))
        var users = "handout-users.txt"

        func validate() throws {
            guard UsersFile.isValidName(name) else { throw ValidationError(UsersFile.nameRule) }
        }

        func run() throws {
            try exitOnFailure {
                let password = try PasswordPrompt.read("Password for \(name): ")
                if let problem = UsersFile.passwordProblem(password) { throw ValidationError(problem) }
                guard try PasswordPrompt.read("The same password again: ") == password else {
                    throw ValidationError("the two passwords differ; nothing was changed")
                }
                try UsersFile.add(name: name, password: password, to: users)
                print("\(users): \(name) can sign in")
            }
        }
    }
}

/// A password from the terminal, not echoed; from standard input, a line each, when it is not
/// a terminal (a script).
enum PasswordPrompt {
    static func read(_ prompt: String) throws -> String {
        let terminal = isatty(STDIN_FILENO) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data(prompt.utf8))
            tcgetattr(STDIN_FILENO, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if terminal {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = readLine(strippingNewline: true) else { throw ValidationError("no password given") }
        return line
    }
}
