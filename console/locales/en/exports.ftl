# Exports, the printable report, imports, invitations and the workshop pages (English).

exports-intro = Every export shows answers only with personal details removed. Cells that a spreadsheet could run as a formula start with an apostrophe.
exports-xlsx = Excel workbook (.xlsx)
exports-xlsx-what = answers, themes and approved quotes
exports-csv-what = one row per answer (UTF-8)
exports-json-what = the consultation, themes, quotes and answers
exports-polis = Pol.is comments CSV
exports-report = Printable report
exports-report-what = with charts (print it or save it as PDF from the browser)
exports-columns = Answer columns:

report-title = Report: { $title }
report-print = Use your browser's Print to print this report or save it as a PDF.
report-other = { $share }% did not fit a clear theme.
report-over-time = Answers over time
report-hint = Counts from 1 to { $most }, and any that would reveal them, are hidden. Quotes were approved by an officer and have personal details removed.

import-intro = Add answers collected elsewhere (an online form, paper forms typed up, another platform) so they are themed with the rest. Upload a CSV file with a header row; you choose the columns next. Importing the same file again adds nothing twice.
import-file = CSV file (up to { $mb } MB)
import-upload = Upload and choose columns
import-cannot = This file cannot be imported: { $reason }.
import-not-done = Not imported: { $reason }
import-map-title = Choose columns
import-map-file = File
import-map-columns = { $count ->
        [one] { $count } column.
       *[other] { $count } columns.
    }
import-map-text = Column with the answer
import-map-row-id = Column with a respondent or row id (makes re-imports exact)
import-map-received-at = Column with the date
import-map-language = Column with the language (en / cy)
import-map-required = (required)
import-map-none = (none)
import-map-source = Where these answers came from (for the audit log)
import-map-source-example = e.g. paper forms from the library
import-map-submit = Import
import-map-first-rows = First rows
import-report-title = Import report
import-report-imported = answers imported from { $file }
import-report-duplicates = { $count } already there (skipped)
import-report-bad = rows not imported.
import-report-bad-heading = Rows not imported
import-report-bad-hint = Fix these rows in the file and import it again: rows already imported will not be added twice.
import-report-showing = Showing the first { $count }.
import-report-see = See the answers
import-report-another = Import another file
import-col-row = Row
import-col-problem = Problem
error-file-too-large = That file is too large: { $reason }.
error-upload-gone = { $reason }

invitations-heading = Invite residents by text
invitations-recorded = Wave { $wave } recorded: { $numbers } numbers, { $invalid } invalid rows, { $duplicates } duplicates collapsed.
invitations-start = Start sending (paced, outside quiet hours) on the server with
invitations-rows-not-used = Rows not used
invitations-duplicate = duplicate:
invitations-message = The message
invitations-upload = Upload numbers
invitations-csv = CSV with a column headed phone, mobile or number
invitations-basis = Why we may text these people (lawful basis; kept with the wave)
invitations-source = Where the numbers came from
invitations-submit = Check numbers and record the wave
invitations-waves = Waves
invitations-col-wave = Wave
invitations-col-recipients = Recipients
invitations-none = No waves yet.
invitations-no-numbers = No valid phone numbers in that file.
invitations-not-recorded = { $reason }
error-numbers-limit = A numbers file is limited to { $mb } MB.
wave-status-draft = draft
wave-status-sending = sending
wave-status-paused = paused
wave-status-done = done
wave-status-cancelled = cancelled
delivery-state-pending = pending
delivery-state-sending = sending
delivery-state-sent = sent
delivery-state-failed = failed
delivery-state-skipped_opted_out = skipped (opted out)
delivery-state-invalid = invalid

workshop-mine = My workshops
workshop-title = Workshop: { $title }
workshop-intro = { $count ->
        [one] { $count } approved quote.
       *[other] { $count } approved quotes.
    } Personal details have been removed and an officer approved each one.
workshop-grid = grid
workshop-print-cards = print cards
workshop-other-quotes = Other quotes
workshop-none-approved = No quotes have been approved yet.
workshop-no-quotes = No approved quotes yet.
workshop-cards-title = Quote cards: { $title }
workshop-cards-print = Print on A4 (portrait) and cut along the lines: { $count } { $count ->
        [one] page
       *[other] pages
    }.
workshop-one-at-a-time = One at a time
workshop-quotes-nav = Quotes
workshop-previous = Previous
workshop-next = Next
workshop-show-grid = Show all as a grid
workshop-keys = keys: ← → move, G grid, F full screen
error-no-approved-quotes = This theme has no approved quotes yet.

# Background imports and exports (console/routes/jobs.py).
job-title-import = Import
job-title-export = Excel workbook
job-file = File: { $file }
job-export-of = { $count } answers, with themes and approved quotes.
job-state-queued = Waiting to start
job-state-running = Working
job-state-cancelling = Stopping
job-state-done = Finished
job-state-failed = Stopped by an error
job-state-cancelled = Cancelled
job-state-expired = Removed
job-rows-import = rows read
job-rows-export = answers written
job-cancel-import = Cancel the import
job-cancel-export = Cancel the export
job-import-running-hint = You can leave this page: the import carries on, and this page shows how far it got when you come back. Cancelling keeps the rows already stored; importing the same file again skips them.
job-download = Download { $file }
job-download-kept = The file is kept for 24 hours, then removed. Each download is recorded in the audit log.
job-export-expired = This workbook has been removed. Build a new one from the exports page.
job-back-exports = Back to exports
exports-xlsx-build = Build the Excel workbook
exports-xlsx-build-what = Large consultations are built in the background; you can follow its progress and download it when it is ready.
exports-recent = Recent workbooks
flash-import-already-started = This import has already started.
flash-job-cancelled = Stopping. Anything already stored stays.
flash-job-already-ended = This has already finished; nothing to cancel.
flash-xlsx-use-job = This consultation is too large for an instant workbook: use “Build the Excel workbook” below, and download it when it is ready.
error-export-gone = This file is no longer available: build the export again.
import-recent = Imports
import-recent-stored = { $count } answers stored
job-progress = Progress
flash-export-already-building = This workbook is already being built: here is its progress.
