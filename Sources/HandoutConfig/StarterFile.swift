/// What `handout init` writes: every setting, explained. Each value to replace holds "EDIT ME",
/// and every command refuses the file, naming the line, until none does: no placeholder reaches
/// a patient's handout or email.
public enum StarterFile {
    public static let text = #"""
    # handout.yaml: the settings every `handout` command reads (render, batch, mail, check).
    #
    # Found as: `--config FILE` on any command, else the file named by $HANDOUT_CONFIG, else
    # handout.yaml in the folder you run handout in. A flag on the command line always wins over
    # this file. Relative paths below are taken from the folder this file is in.
    # A mistake here (an unknown or misspelled setting, a wrong value) stops the command before
    # it reads any patient, naming this file, the line, the column and the setting.

    # --- Your clinic: printed on every handout and in its contact block --------------------------
    # EDIT THESE: each value holding "EDIT ME" is a placeholder, and every command refuses this
    # file until none is left. Used for every patient whose row has no clinic columns.
    # name and phone are required; the others may be removed.
    clinic:
      name: "EDIT ME Spine & Pain Clinic"
      phone: "EDIT ME (555) 555-0100"
      after-hours-phone: "EDIT ME (555) 555-0199"
      address: "EDIT ME 100 Main Street, Springfield, IL 62701"
      website: "EDIT ME https://clinic.example.org"
      email: "EDIT ME care@clinic.example.org"
      # Your logo at the top of page 1 (a PNG or SVG file in this folder), with the words a
      # screen reader says for it; and a QR code for the website. Remove the # to use them.
      # logo: logo.svg
      # logo-alt: "EDIT ME Spine & Pain Clinic logo"
      # qr-code: true

    # --- Reading your EHR export (batch and mail) -------------------------------------------------
    # The headers of Epic, Oracle Health, athenahealth, eClinicalWorks, NextGen, Veradigm,
    # AdvancedMD, Tebra and Practice Fusion exports are known already (`handout batch export.csv
    # --check` prints what each column is taken for, and the columns not used). Add your export's
    # own header for a field here, one or a list; they are tried first, and a file without them is
    # fine. Fields: id, givenName, familyName, birthDate, mrn, email, language, clinician,
    # appointmentDate, appointmentTime, appointmentPlace, notes, factors, clinicName, clinicPhone,
    # ...; `name` is one column holding the whole name ("Torres, Wei" or "Wei Torres").
    columns:
      # id: "Chart Key"
      # email: ["Portal Login", "Portal E-mail"]

    # How the export writes dates, like MM/dd/yyyy (US) or dd.MM.yyyy. Same as --date-format.
    # Leave it out for YYYY-MM-DD.
    # date-format: MM/dd/yyyy

    # How the export separates its columns (comma, semicolon, tab or pipe) and its encoding
    # (utf-8, utf-16 or windows-1252). Both are detected from the file (`handout batch
    # export.csv --check` prints what was): set them only when that goes wrong. Same as
    # --separator and --encoding.
    # separator: semicolon
    # encoding: windows-1252

    # How one whole-name column writes names: auto (a comma means "Last, First"), last-first or
    # first-last. Same as --name-format.
    name-format: auto

    # --- Languages ------------------------------------------------------------------------------
    # Each patient gets the handout and the email in the language of their row when there is
    # content in it (English and Spanish today). Codes (es, spa), names (Spanish, Español) and tags
    # (es-MX) are understood already; list here what else your export writes, and its code.
    languages:
      "Spanish (Mexico)": es
      # "English (US)": en

    # The language for patients whose language has no content (they are listed as warnings).
    # Same as --fallback-language. --lang makes every handout one language instead.
    fallback-language: en

    # A translation no person has reviewed yet (`handout topics` shows each one's state; the
    # built-in ones are machine-drafted): english-with-notice gives such a patient the English
    # handout and email with a notice in their language that free help is a phone call away;
    # use gives them the translation. Same as --unreviewed-translations.
    unreviewed-translations: english-with-notice

    # --- The handouts ---------------------------------------------------------------------------
    # Your clinic's own content folder: more topics (or your own text for a built-in one), files
    # named <topic>.<lang>.yaml; `handout topics` lists what there is. Same as --content-dir.
    # content-dir: content

    # The topic for patients whose row names none (default: spinal-fusion). Same as --topic.
    # topic: spinal-fusion

    # One comparison content file for every handout instead of the topics (so not with content-dir
    # or topic). Same as --content.
    # content: content/spinal-fusion.en.yaml

    # Where `handout batch` writes the PDFs and manifest.csv, and where `handout mail` finds them.
    # Same as batch --output-dir and mail --batch.
    output-dir: handouts

    # The ledger: what was made and sent, and when, across batch folders and weeks (an SQLite
    # file; no names, dates or addresses in it). Default: handout-ledger.sqlite beside this file.
    # Same as --ledger.
    # ledger: handout-ledger.sqlite

    # letter or a4. Same as --paper.
    paper: letter

    # true for 18 pt body text. Same as --large-print (and --no-large-print).
    large-print: false

    # Encrypt every PDF (AES-256) with the password on the first line of this file.
    # Same as --password-file.
    # password-file: secrets/pdf-password.txt

    # The largest CSV the batch page of `handout serve` takes, in MB (default: 50).
    # upload-limit-mb: 50

    # How many days `handout serve` keeps a batch (its PDFs and ZIP, to download again or resend)
    # after it was made, and where (default: 7 days, in handout-batches beside the ledger). The
    # ledger keeps what was made and sent after that. Same as serve --keep-days and --batches-dir.
    # keep-days: 7
    # batches-dir: handout-batches

    # The names `handout serve` answers to behind a reverse proxy (the address staff type),
    # besides its --host; any other name is refused (a defence against DNS rebinding).
    # allowed-hosts: [handout.clinic.example.org]

    # --- Email (handout mail) ------------------------------------------------------------------
    mail:
      # EDIT ME: your mail server. smtps://host:465 (TLS) or smtp://host:587 (STARTTLS required).
      # Same as --smtp; a cron job can set HANDOUT_SMTP_URL instead.
      smtp: "EDIT ME smtps://mail.clinic.example.org:465"
      # EDIT ME: the sender patients see and can answer. Same as --from.
      from: "EDIT ME Spine Clinic <care@clinic.example.org>"
      # Where patients' answers go, when not to the sender (a no-reply sender). Same as --reply-to.
      # reply-to: "Front Desk <desk@clinic.example.org>"
      # The server account (AUTH, only over TLS), with its password on the first line of a file
      # only you can read (chmod 600). Same as --user and --password-file;
      # or HANDOUT_SMTP_USER and HANDOUT_SMTP_PASSWORD_FILE.
      # user: care@clinic.example.org
      # password-file: secrets/smtp-password.txt
      # Trust this CA (PEM) for the server's certificate, for a private CA. Same as --ca-file.
      # ca-file: certs/clinic-ca.pem
    """#
}
