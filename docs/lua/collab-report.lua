---@meta collab-report
-- What report scripts (scripts/reports/*.lua and plug-ins' reports) see beyond docs/lua/collab.lua:
-- the report constructor, the layout constructors, the published record and the ledger. Formula
-- scripts do not see these. Documentation only: the host defines the values, and a test
-- (host/api/api_meta_test.cpp) fails if a name here and the host's names differ.
--
-- A report's build function returns a document made with collab.layout. It never chooses a
-- format: `collab report <id> --format md|csv|json|html|xlsx` does. docs/reports.md walks
-- through writing one.

---@class collab.ReportSpec
---@field id string           lower case letters, digits and '-'; a built-in's file is scripts/reports/<id>.lua
---@field title string
---@field description string?
---@field params table<string, collab.ParamSpec>?  given on the command line as --param name=value
---@field build fun(ctx: collab.ReportContext, params: table): collab.layout.Document

---@class collab.ReportContext
---@field report string          the report's id
---@field year string?           the year asked for (--year), or the latest with budgets
---@field budget_years string[]  every year the data has budgets for

---Declares a report; a report script returns what this returns. Checked here, so a misspelt
---field is an error at the script's line. The script's globals are frozen once it has loaded:
---`build` reads them, but assigning one is an error ("error in report 'x': assigns global 'n'").
---
---```lua
---return collab.report {
---  id = "hello", title = "Hello",
---  build = function(ctx)
---    return collab.layout.document { title = "Hello " .. ctx.year,
---      blocks = { collab.layout.paragraph("Five forces.") } }
---  end,
---}
---```
---@param spec collab.ReportSpec
---@return collab.ReportSpec
function collab.report(spec) end

---@class collab.layout
collab.layout = {}

---@alias collab.layout.Text string|collab.layout.Span|(string|collab.layout.Span)[]
---@class collab.layout.Span
---@class collab.layout.Block
---@class collab.layout.Row
---@class collab.layout.Cell

---@class collab.layout.Document
---@field title string
---@field subtitle string?
---@field blocks collab.layout.Block[]   headings, paragraphs, notes, lists, tables, charts, in order
---@field footnotes {id: string, text: collab.layout.Text}[]?

---The document a build function returns.
---@param spec collab.layout.Document
---@return collab.layout.Document
function collab.layout.document(spec) end

---A section heading (level 1 to 3, default 1).
---@param text string
---@param level integer?
---@return collab.layout.Block
function collab.layout.heading(text, level) end

---A paragraph: strings and spans, as arguments or as one list.
---```lua
---collab.layout.paragraph("Notts pays ", collab.layout.strong("most"), ".")
---```
---@param ... collab.layout.Text
---@return collab.layout.Block
function collab.layout.paragraph(...) end

---A remark set apart from the text: a caveat, a source note.
---@param ... collab.layout.Text
---@return collab.layout.Block
function collab.layout.note(...) end

---A list: `{ items = { text, ... }, ordered = true }`, or just the items.
---@param spec {items: collab.layout.Text[], ordered: boolean?}|collab.layout.Text[]
---@return collab.layout.Block
function collab.layout.list(spec) end

---@alias collab.layout.ColumnType "text"|"money"|"percent"|"integer"|"date"|"year"

---@class collab.layout.Column
---@field key string                    lower case letters, digits, '_' and '-': the rows' keys
---@field title string?                 as shown (default: the key)
---@field type collab.layout.ColumnType? default "text". money: integer pence; percent: a number of percent (27.6); date: "Sep 2011"; year: "2016/17"
---@field group string?                 consecutive columns of one group share a spanning heading
---@field decimals integer?             percent: places shown (0-4, default 1); money: 0 whole pounds, 2 pence
---@field difference {[1]: string, [2]: string}?  this column is the first key's value less the second's, computed by the host
---@field note string?                  a footnote id for the heading
---@field sum boolean?                  false: total rows hold what the layout gives (a published total), not the sum

---@class collab.layout.TableSpec
---@field id string                     unique in the document: CSV file names, XLSX sheets, HTML anchors, charts
---@field title string
---@field columns collab.layout.Column[]
---@field rows collab.layout.Row[]?     each a table of cells by column key; collab.layout.total/subtotal for sums
---@field caption collab.layout.Text?   shown under the table
---@field source string?                where the published figures in it come from

---A table with typed columns. A cell is a value of its column's type, nil for empty, or a
---collab.layout.cell carrying an explanation. A row's key that is not a column is an error.
---@param spec collab.layout.TableSpec
---@return collab.layout.Block
function collab.layout.table(spec) end

---A total row: its money, integer and percent cells left empty are the sums of every body row of
---the table, computed by the host; a cell given is checked against that sum.
---@param cells table<string, any>
---@return collab.layout.Row
function collab.layout.total(cells) end

---A subtotal row: sums of the body rows since the previous subtotal.
---@param cells table<string, any>
---@return collab.layout.Row
function collab.layout.subtotal(cells) end

---@class collab.layout.Explain
---@field unit string?    with force and year: a force's part of a unit's budget (`collab explain`)
---@field force string?   with year alone: a force's total
---@field year string?
---@field kind "cash"|"in_kind"?   for a unit (default "cash")
---@field of "cash"|"in_kind"|"all"?  for a total (default "all")
---@field title string?   or: the layout's own explanation, a title and lines
---@field lines string[]?

---A cell with its explanation (the HTML links the figure to it) or a footnote.
---```lua
---collab.layout.cell { pence, explain = { unit = "emsou-soc", force = "nottinghamshire", year = "2016/17" } }
---```
---@param spec {[1]: any, value: any?, explain: collab.layout.Explain?, note: string?}
---@return collab.layout.Cell
function collab.layout.cell(spec) end

---@class collab.layout.ChartSpec
---@field kind "bar"|"stacked_bar"|"line"
---@field title string?
---@field table string        the id of a table of the document
---@field category string     the key of the column whose text names each bar (one per body row)
---@field series string[]     keys of money, integer or percent columns

---A chart of a table's body rows, drawn by the renderer (SVG in HTML).
---@param spec collab.layout.ChartSpec
---@return collab.layout.Block
function collab.layout.chart(spec) end

---Emphasised text in a paragraph.
---@param text string
---@return collab.layout.Span
function collab.layout.em(text) end

---Strong text in a paragraph.
---@param text string
---@return collab.layout.Span
function collab.layout.strong(text) end

---A reference to a footnote of the document (by id).
---@param id string
---@return collab.layout.Span
function collab.layout.footnote_ref(id) end

---@class collab.LedgerRow
---@field unit string
---@field label string
---@field kind "cash"|"in_kind"
---@field formula string
---@field budget integer         pence
---@field total integer?         pence (nil when the row failed)
---@field failed boolean       its formula failed: no parts, no total; the totals leave it out, and the command exits 1
---@field participants string[]  force ids
---@field parts table<string, integer>  pence by force id

---@class collab.Ledger
---@field year string
---@field rounding_unit integer  pence: 100 whole pounds (the default), 1 with the command's --pence
---@field rows collab.LedgerRow[]
---@field totals table<string, {cash: integer, in_kind: integer, all: integer}>

---The year's contributions, computed by the host (each unit's budget split by its formula,
---apportioned by largest remainder to the pound, or to the penny when the command was given
-----pence: see rounding_unit). An error when the year has no budgets. A row whose formula fails
---is there with failed = true: show it as such; the host prints the formula's error.
---@param year string
---@return collab.Ledger
function collab.ledger(year) end

---@class collab.ReconcileFigure
---@field row string           the published row's label
---@field column string        a force id, or "total" for the TOTAL column
---@field total_row boolean
---@field computed integer?    pence
---@field published integer?   pence
---@field cause string         why they differ (or why an equal figure is noteworthy); "" when they agree plainly

---The year's published contributions table reconciled, in the words of `collab reconcile`:
---`process` (lines: how the table was made, its fit, the budgets held in pence), `figures` (every
---published cell and TOTAL figure), `row_notes`, `source`. An error when the year has no
---published table.
---@param year string
---`budgets`: those the best explanation holds in pence, {row, data (pence), feasible, with_others_whole} (ranges as text).
---@return {source: string, process: string[], figures: collab.ReconcileFigure[], row_notes: string[], budgets: table[]}
function collab.reconcile(year) end

---@class collab.record
---The published record, each call a fresh table: money in pence, percentages as numbers of
---percent, years "2016/17", dates "Sep 2011"; each table with `source = {document, table, note}`.
collab.record = {}

---The source documents: {id, title, date, file}.
---@return table[]
function collab.record.documents() end

---The published contributions table of `year` (columns, rows with amounts by force and total,
---total rows with `of` "cash"|"in_kind"|"all"), or nil.
---@param year string
---@return table?
function collab.record.contributions(year) end

---Every central grant table: {year, amounts = {[force] = pence}, total, source}.
---@return table[]
function collab.record.grants() end

---Every published formula-share table: {year, label, shares = {[force] = percent}, total, source}.
---@return table[]
function collab.record.formula_shares() end

---Savings against baseline: {rows = {label, unit, established, saving, percent, cashable, comment}, total, percent, source}, or nil.
---@return table?
function collab.record.savings_baseline() end

---Savings by year: {rows = {year, target, actual, projected}, target, actual, source}, or nil.
---@return table?
function collab.record.savings_by_year() end

---Headline savings figures the texts state: {id, text, amount, per_year, source, scope ("region",
---"forces" or "england-and-wales"), forces (ids, for scope "forces"), from_year, to_year (calendar
---years), share_of_requirement (percent of the savings requirement met by collaboration), share_above
---(true: "more than" that share)}.
---@return table[]
function collab.record.headlines() end

---The workforce table: {as_at, rows = {function, units, officers, staff, total}, total, region, *_share, source}, or nil.
---@return table?
function collab.record.workforce() end

---Business cases: {rows = {function, units, budget, saving, percent}, source}, or nil.
---@return table?
function collab.record.business_cases() end

---Serious organised crime resources forces kept: {rows = {force, officers, staff, cost}, total, source}, or nil.
---@return table?
function collab.record.retained_resources() end

---The regional financial forecast: {years, rows = {label, values, total, sum_of}, assumptions, source}, or nil.
---@return table?
function collab.record.forecast() end

---The 2009 programme: {projects = {name, area, status, period, apacs, psa, units, unit_note}, team_cost, team_year, team_funding, source}, or nil.
---`units` are the units a project became, where the record shows it, and `unit_note` says why.
---@return table?
function collab.record.programme() end

---Innovation fund rounds: {round, year, bids = {lead, lead_force, others, other_forces, description, value (pence),
---printed (the value as published), units (the region's units the bid went to), note}, source}.
---@return table[]
function collab.record.innovation_fund() end

---Every collaboration with the register's facts: {id, name, short_name, parent, portfolio,
---section22, status, stage, rationale, comments, established, participants = {from, forces, count,
---note, why, source}, leads = {pcc, chief_officer, operational, finance}, host_services = {[force] = {...}}, source}.
---@return table[]
function collab.record.register() end

---Every place two documents disagree, as `collab check` lists it: {message, why, where, severity}.
---@return table[]
function collab.record.disagreements() end

---HMIC's cost comparisons with the England and Wales average: {year, measure, average,
---net_revenue_expenditure, population (each nil where the document gives none), note,
---rows = {function, units, difference (percent: +54 is 54% above the average), quote}, source}, or nil.
---@return table?
function collab.record.cost_comparisons() end

---Budgets the texts state, for a unit or the whole region (never split by unit): {id, year (nil if
---the text gives none), unit (nil: region-wide), what, amount (pence), bound ("about"|"over"|nil),
---saving, quote, source, note}.
---@return table[]
function collab.record.stated_budgets() end

---plan-2009's increased funding table: {years, rows = {label, cells, note}, total, source}, or nil;
---each cell is {amount (pence, nil if not a figure), printed (text printed instead, as "xxx")}, and
---a blank cell is an empty table.
---@return table?
function collab.record.increased_funding() end

---Governance: {portfolios = {id, role, year, leads = {portfolio, force, lead, units, note}, source},
---boards = {id, name, role, meets, times_per_year, since, quote, source}}.
---@return table
function collab.record.governance() end

---What the data holds for each year, as `collab summary` lists it: {year, unit_budgets (true if
---the year has unit budgets a formula can split), items = {kind, what}}.
---@return table[]
function collab.record.years() end

---Each HMIC business case with the 2017 savings against baseline of the same units:
---{function, units, case_budget, case_saving, baseline = {label, unit, saving, percent}}.
---@return table[]
function collab.record.savings_links() end
