#!/usr/bin/env python3
"""Browser tests of `handout serve` in Debian's headless Chromium (Selenium), every step bounded:
starts the built server on a free loopback port with sign-in (a users file made by
`handout user add`), signs in, fills the single-handout form with the keyboard only and gets the
PDF, uploads an export with a column no table knows, chooses its field, saves the mapping and
uploads it again (nothing to choose), uploads a CSV (the example's rows repeated, long enough to catch the batch page while it
runs), sends the handouts by email (to a real aiosmtpd with STARTTLS and AUTH) and downloads the
ZIP, runs axe-core on every page (no violation allowed) and saves screenshots at desktop and
tablet widths into out/screenshots/ (SCREENSHOT_DIR=docs refreshes the ones the README shows).
Usage: scripts/browser_test.py HANDOUT_BINARY   (run by scripts/browser_test.sh)"""
import csv, datetime, json, os, socket, subprocess, sys, tempfile, time, zipfile

from selenium_axe_python import Axe
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHOTS = os.path.join(ROOT, os.environ.get("SCREENSHOT_DIR", os.path.join("out", "screenshots")))
DESKTOP, TABLET = (1280, 900), (820, 1180)
PASSWORD = "correct horse battery"
TIMEOUT = 60
# Rows in the batch: about 30 s at --batch-jobs 1 (debug build), several times the running page's scan.
BATCH_ROWS = 600


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_mail_server(work):
    """aiosmtpd with STARTTLS and AUTH (scripts/smtp_test_server.py): the port, the CA and the maildir."""
    certificates, maildir = os.path.join(work, "certs"), os.path.join(work, "received")
    subprocess.run(["/bin/sh", os.path.join(ROOT, "scripts/make_test_certs.sh"), certificates], check=True, capture_output=True, timeout=60)
    mail = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "scripts/smtp_test_server.py"), "--port", "0", "--starttls",
                             "--cert", os.path.join(certificates, "server.pem"), "--key", os.path.join(certificates, "server.key"),
                             "--auth", "care:letmein", "--maildir", maildir], stdout=subprocess.PIPE, text=True)
    ready = mail.stdout.readline()
    if not ready.startswith("READY "):
        mail.kill()
        sys.exit(f"browser_test: the mail server did not start: {ready!r}")
    return mail, int(ready.split()[1]), os.path.join(certificates, "ca.pem"), maildir


def start_server(binary, work, mail_port, ca_file):
    users = os.path.join(work, "users.txt")
    subprocess.run([binary, "user", "add", "maria", "--users", users], input=f"{PASSWORD}\n{PASSWORD}\n",
                   text=True, check=True, capture_output=True, timeout=30)
    config = os.path.join(work, "handout.yaml")
    with open(os.path.join(ROOT, "Examples/clinic.json"), encoding="utf-8") as source:
        clinic = json.load(source)
    smtp_password = os.path.join(work, "smtp-password")
    with open(smtp_password, "w", encoding="utf-8") as out:
        out.write("letmein\n")
    with open(config, "w", encoding="utf-8") as out:
        out.write("clinic:\n" + "".join(f"  {key}: {json.dumps(clinic[name])}\n" for key, name in
                                         [("name", "name"), ("phone", "phone"), ("address", "address")]))
        out.write(f"mail:\n  smtp: smtp://localhost:{mail_port}\n  user: care\n  password-file: {smtp_password}\n"
                  f"  ca-file: {ca_file}\n  from: \"Riverside Spine <care@riverside-spine.example.org>\"\n")
    port = free_port()
    environment = dict(os.environ, TMPDIR=work)
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--config", config, "--users", users,
                               "--audit-log", os.path.join(work, "audit.jsonl"), "--batch-jobs", "1"],
                              env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            if server.poll() is not None:
                sys.exit(f"browser_test: the server did not start: {server.stderr.read().decode()}")
            time.sleep(0.2)
    server.kill()
    sys.exit("browser_test: the server did not listen within 60 s")


def browser(downloads):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads, "download.prompt_for_download": False,
        # The PDF is saved as the browser gets it, to be read here (the viewer shows it to staff).
        "plugins.always_open_pdf_externally": True,
    })
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(TIMEOUT)
    driver.set_script_timeout(120)
    return driver


def check_accessibility(driver, name, failures):
    axe = Axe(driver)
    axe.inject()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}
    results = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        f"axe.run(document, {json.dumps(options)}).then(function (r) {{ done(r); }}, function (e) {{ done({{error: String(e)}}); }});")
    if "error" in results:
        failures.append(f"{name}: axe could not run: {results['error']}")
        return
    for violation in results["violations"]:
        failures.append(f"{name}: axe {violation['id']}: {violation['help']} ({len(violation['nodes'])} elements)")


def screenshot(driver, name):
    for label, (width, height) in (("desktop", DESKTOP), ("tablet", TABLET)):
        driver.set_window_size(width, height)
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(height, full + 140))
        os.makedirs(SHOTS, exist_ok=True)
        driver.save_screenshot(os.path.join(SHOTS, f"serve-{name}-{label}.png"))
    driver.set_window_size(*DESKTOP)


def active(driver):
    return driver.switch_to.active_element


def keys(driver, *typed):
    """Key presses to whatever has the focus, as a keyboard sends them."""
    ActionChains(driver).send_keys(*typed).perform()


def tab_to(driver, element_id):
    """Presses Tab until the element has the focus (the keyboard's way there)."""
    for _ in range(80):
        if active(driver).get_attribute("id") == element_id:
            return
        keys(driver, Keys.TAB)
    raise AssertionError(f"Tab never reached #{element_id}")


def long_export(work):
    """Examples/patients.csv's rows repeated to BATCH_ROWS, each with an id of its own."""
    with open(os.path.join(ROOT, "Examples/patients.csv"), encoding="utf-8", newline="") as source:
        header, *rows = list(csv.reader(source))
    path = os.path.join(work, "long-export.csv")
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(header)
        for index in range(BATCH_ROWS):
            writer.writerow([f"P-{300000 + index}"] + rows[index % len(rows)][1:])
    return path


def map_unknown_column(driver, base, work, failures):
    """An export whose birth date column has a name no table knows: the page shows every column,
    the count follows the choice made in the select (batch.js), "Save this mapping" writes it into
    the settings file, and the same export uploaded again needs no choosing and makes every row."""
    with open(os.path.join(ROOT, "Examples/patients.csv"), encoding="utf-8") as source:
        text = source.read()
    rows = sum(1 for line in text.split("\n") if line.startswith('"P-'))
    path = os.path.join(work, "unknown-column.csv")
    with open(path, "w", encoding="utf-8") as out:
        out.write(text.replace('"DOB"', '"Geburtsdatum"'))
    driver.find_element(By.ID, "csv").send_keys(path)
    tab_to(driver, "f-check")
    keys(driver, Keys.ENTER)
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "columns-problem"))
    assert driver.find_element(By.ID, "start").get_attribute("disabled") is not None, "the start waits for a usable choice"
    assert "Date of birth" in driver.find_element(By.ID, "columns-problem").text
    check_accessibility(driver, "batch columns with one unknown", failures)
    screenshot(driver, "batch-columns-unknown")
    Select(driver.find_element(By.ID, "column-3")).select_by_value("birthDate")
    made = f"{rows} of {rows} rows can be made."
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_element(By.ID, "row-count").text == made)
    assert not driver.find_element(By.ID, "columns-problem").is_displayed()
    assert driver.find_element(By.ID, "start").get_attribute("disabled") is None
    check_accessibility(driver, "batch columns chosen", failures)
    screenshot(driver, "batch-columns-chosen")
    tab_to(driver, "save-mapping")
    keys(driver, Keys.ENTER)
    WebDriverWait(driver, TIMEOUT).until(lambda d: "Saved in the settings file" in d.find_element(By.TAG_NAME, "main").text)
    with open(os.path.join(work, "handout.yaml"), encoding="utf-8") as settings:
        assert 'birthDate: "Geburtsdatum"' in settings.read(), "the mapping is in the settings file"
    check_accessibility(driver, "batch columns saved", failures)
    # Next week's export: nothing to choose.
    driver.get(base + "/batch")
    driver.find_element(By.ID, "csv").send_keys(path)
    tab_to(driver, "f-check")
    keys(driver, Keys.ENTER)
    WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "start"))
    assert driver.find_element(By.ID, "row-count").text == made
    assert Select(driver.find_element(By.ID, "column-3")).first_selected_option.get_attribute("value") == "birthDate"
    tab_to(driver, "start")
    keys(driver, Keys.ENTER)
    WebDriverWait(driver, 300).until(lambda d: d.find_elements(By.ID, "download"))
    done = f"{rows} of {rows} rows done, 0 failed."
    assert done in driver.find_element(By.TAG_NAME, "main").text, driver.find_element(By.TAG_NAME, "main").text


def remembered(driver, base, failures):
    """The Batches page lists the batch just sent with who ran it; the lookup, with the keyboard,
    shows what was made and sent for one of its patients, and the page is the same in Spanish."""
    driver.get(base + "/batches")
    main = driver.find_element(By.TAG_NAME, "main").text
    assert "maria" in main and f"{BATCH_ROWS} made, 0 failed" in main, main
    check_accessibility(driver, "batches", failures)
    screenshot(driver, "batches")
    tab_to(driver, "record")
    keys(driver, "P-300000", Keys.ENTER)
    WebDriverWait(driver, TIMEOUT).until(lambda d: "/batches/lookup" in d.current_url)
    cells = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "main td")]
    assert "made" in cells and "sent" in cells, cells
    assert driver.find_elements(By.LINK_TEXT, "Print again"), "a kept batch offers to print again"
    check_accessibility(driver, "batches lookup", failures)
    screenshot(driver, "batches-lookup")
    driver.get(base + "/batches/lookup?id=P-300000&ui=es")
    check_accessibility(driver, "batches lookup (es)", failures)


def wait_for_file(folder, suffix):
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        done = [name for name in os.listdir(folder) if name.endswith(suffix)]
        if done:
            return os.path.join(folder, done[0])
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} downloaded within {TIMEOUT} s")


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory() as work:
        downloads = os.path.join(work, "downloads")
        os.mkdir(downloads)
        mail, mail_port, ca_file, maildir = start_mail_server(work)
        server, base = start_server(binary, work, mail_port, ca_file)
        driver = None
        try:
            driver = browser(downloads)
            driver.get(base + "/")
            assert "/login" in driver.current_url, driver.current_url
            check_accessibility(driver, "sign-in", failures)
            screenshot(driver, "sign-in")
            # Sign in with the keyboard.
            tab_to(driver, "user")
            keys(driver, "maria", Keys.TAB, PASSWORD, Keys.ENTER)
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "f-givenName"))

            # The form, keyboard only: a bad date first (the form comes back with the error).
            check_accessibility(driver, "form", failures)
            values = [("f-id", "P-000123"), ("f-givenName", "Maria"), ("f-familyName", "González-Whitfield"),
                      ("f-birthDate", "17/04/1961"), ("f-clinician", "Dr. Priya Raman, MD"),
                      ("f-appointment-date", "2031-12-08"), ("f-appointment-time", "9:30 AM")]
            for element_id, value in values:
                tab_to(driver, element_id)
                keys(driver, value)
            tab_to(driver, "factor-0-0")
            keys(driver, Keys.SPACE)
            tab_to(driver, "f-create")
            keys(driver, Keys.ENTER)
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "f-birthDate-error"))
            assert driver.find_element(By.ID, "f-givenName").get_attribute("value") == "Maria"
            assert driver.find_element(By.ID, "factor-0-0").is_selected()
            check_accessibility(driver, "form with an error", failures)
            screenshot(driver, "form-error")
            tab_to(driver, "f-birthDate")
            ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("1961-04-17").perform()
            # "Preview page 1": the form again, every value kept, page 1 beside it.
            tab_to(driver, "f-preview")
            keys(driver, Keys.ENTER)
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.CSS_SELECTOR, "figure.preview img"))
            assert driver.find_element(By.ID, "f-birthDate").get_attribute("value") == "1961-04-17"
            assert driver.execute_script("return document.querySelector('figure.preview img').naturalWidth") > 0
            check_accessibility(driver, "form with the page-1 preview", failures)
            screenshot(driver, "form-preview")
            # "Printed on" keeps the day the server prefilled.
            assert driver.find_element(By.ID, "f-printedOn").get_attribute("value") == datetime.date.today().isoformat()
            tab_to(driver, "f-create")
            keys(driver, Keys.ENTER)
            pdf = wait_for_file(downloads, ".pdf")
            with open(pdf, "rb") as made:
                assert made.read(5) == b"%PDF-", "the download is not a PDF"
            text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True, timeout=30).stdout
            assert "Maria González-Whitfield" in text, "the PDF lacks the typed name"
            assert "Printed " in text, "the PDF lacks the printed day"

            driver.get(base + "/")
            screenshot(driver, "form")
            driver.get(base + "/?ui=es")
            check_accessibility(driver, "form (es)", failures)
            # The Spanish form's errors in Spanish: a printed day that is no day, the names left empty.
            tab_to(driver, "f-printedOn")
            ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys("30/11/2031").perform()
            tab_to(driver, "f-create")
            keys(driver, Keys.ENTER)
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "f-printedOn-error"))
            assert driver.find_element(By.ID, "f-printedOn-error").text == "Fecha de impresión: no es una fecha real (AAAA-MM-DD)"
            assert driver.find_element(By.ID, "f-printedOn").get_attribute("value") == "30/11/2031"
            check_accessibility(driver, "form with errors (es)", failures)
            screenshot(driver, "form-error-es")

            # A batch: upload, the mapping, the run, the ZIP.
            driver.get(base + "/batch")
            check_accessibility(driver, "batch upload", failures)
            screenshot(driver, "batch-upload")
            map_unknown_column(driver, base, work, failures)
            driver.get(base + "/batch")
            # The file itself through WebDriver (a file dialog is the system's, not the page's).
            export = long_export(work)
            driver.find_element(By.ID, "csv").send_keys(export)
            tab_to(driver, "f-check")
            keys(driver, Keys.ENTER)
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "start"))
            check_accessibility(driver, "batch mapping", failures)
            screenshot(driver, "batch-mapping")
            tab_to(driver, "start")
            keys(driver, Keys.ENTER)
            started = time.time()
            # The page while it runs: the progress bar, the counts its script updates.
            running = "#counts[data-status]"
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.CSS_SELECTOR, running) or d.find_elements(By.ID, "download"))
            assert driver.find_elements(By.CSS_SELECTOR, running), f"the batch of {BATCH_ROWS} rows finished before its running page was seen"
            scan = time.time()
            check_accessibility(driver, "batch running", failures)
            screenshot(driver, "batch-running")
            scan = time.time() - scan
            assert driver.find_elements(By.CSS_SELECTOR, running), f"the batch of {BATCH_ROWS} rows finished while its running page was scanned"
            WebDriverWait(driver, 300).until(lambda d: d.find_elements(By.ID, "download"))
            print(f"browser_test: the batch of {BATCH_ROWS} rows ran for about {time.time() - started:.0f} s; its running page's scan took {scan:.1f} s")
            check_accessibility(driver, "batch finished", failures)
            screenshot(driver, "batch-finished")
            # Send by email, with the keyboard; the page follows the round, then says what was sent.
            tab_to(driver, "send")
            keys(driver, Keys.ENTER)
            # The page after the button is the one of a round under way (hundreds of messages).
            WebDriverWait(driver, TIMEOUT).until(lambda d: d.find_elements(By.ID, "mail-counts"))
            check_accessibility(driver, "batch sending", failures)
            screenshot(driver, "batch-sending")
            assert driver.find_elements(By.ID, "mail-counts"), "the round of sending ended while its page was scanned"
            WebDriverWait(driver, 300).until(lambda d: "Sent: " in d.find_element(By.TAG_NAME, "main").text)
            check_accessibility(driver, "batch sent by email", failures)
            screenshot(driver, "batch-sent")
            messages = [name for name in os.listdir(maildir) if name.endswith(".eml")]
            with open(export, encoding="utf-8-sig") as source:
                with_email = sum(1 for row in csv.DictReader(source) if row["Email"].strip())
            assert len(messages) == with_email, f"{len(messages)} messages received, {with_email} patients have an address"
            tab_to(driver, "download")
            keys(driver, Keys.ENTER)
            archive = wait_for_file(downloads, ".zip")
            time.sleep(1)
            with zipfile.ZipFile(archive) as handouts:
                names = handouts.namelist()
            assert "manifest.csv" in names, names
            assert "mail-journal.csv" in names, names
            assert sum(name.endswith(".pdf") for name in names) == BATCH_ROWS, len(names)
            remembered(driver, base, failures)
        finally:
            if driver:
                driver.quit()
            for process in (server, mail):
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        # Finished batches are kept (batch.json beside them); nothing else of an upload may stay.
        unfinished = [folder for folder, _, files in os.walk(os.path.join(work, "handout-batches"))
                      if "input.csv" in files and "batch.json" not in files]
        if unfinished:
            failures.append(f"unfinished uploads left in the server's data folder: {len(unfinished)}")
    for failure in failures:
        print(f"browser_test: {failure}", file=sys.stderr)
    if failures:
        sys.exit(1)
    print("browser_test: keyboard form → PDF, CSV → email and ZIP, the Batches page and a lookup, axe-core clean on every page; screenshots in " + os.path.relpath(SHOTS, ROOT) + "/")


if __name__ == "__main__":
    main()
