// chart_svg: bar, stacked bar and line charts as SVG. Values stay exact integers (pence, counts,
// ten-thousandths of a percent) until geometry needs doubles; every number is written by fmt at
// fixed precision, so the same table gives the same bytes on any machine and locale.
#include "report/chart_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "report/cell_text.h"
#include "report/html_text.h"

namespace collab::report {

namespace {

constexpr double kWidth = 640;
constexpr double kLeft = 80;  // room for tick labels
constexpr double kRight = 16;
constexpr double kTop = 16;
constexpr double kPlotHeight = 220;
constexpr double kPlotWidth = kWidth - kLeft - kRight;
constexpr double kCharWidth = 6.6;  // a rough width of one character at font-size 11
constexpr std::size_t kMaxLegendChars = 40;

// Okabe-Ito colours, ordered so neighbours differ in lightness too and stay apart in grey print.
constexpr std::array<std::string_view, 8> kColours = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                     "#D55E00", "#56B4E9", "#000000", "#F0E442"};
// Lines also differ by dash, for grey print.
constexpr std::array<std::string_view, 4> kDashes = {"", "6 3", "2 3", "8 3 2 3"};

/// One series: its title and, per category, its value (empty cell: nullopt) and exact text.
struct Series {
  std::string title;
  std::vector<std::optional<int64_t>> values;
  std::vector<std::string> exact;
};

/// What a chart draws, read from its table's body rows; `unit` is the first series' type.
struct ChartData {
  std::vector<std::string> categories;
  std::vector<Series> series;
  ColumnType unit = ColumnType::Integer;
};

/// The value axis from lo to hi (base units), ticks every step; maps values to y.
struct Axis {
  double lo = 0;
  double hi = 1;
  double step = 1;
  ColumnType unit = ColumnType::Integer;
  double y(double v) const { return kTop + kPlotHeight - (v - lo) / (hi - lo) * kPlotHeight; }
};

// Fixed precision, and never "-0.0".
std::string num(double v) { return fmt::format("{:.1f}", std::abs(v) < 0.05 ? 0.0 : v); }

std::optional<int64_t> numeric(const CellValue& value) {
  if (const auto* m = std::get_if<Money>(&value)) return m->pence();
  if (const auto* p = std::get_if<Percent>(&value)) return p->units();
  if (const auto* n = std::get_if<int64_t>(&value)) return *n;
  return std::nullopt;
}

bool is_numeric(ColumnType type) {
  return type == ColumnType::Money || type == ColumnType::Percent || type == ColumnType::Integer;
}

// A label on one line: SVG text does not break lines.
std::string one_line(std::string text) {
  std::replace_if(text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return text;
}

ChartData read_data(const Chart& chart, const Table& table) {
  ChartData data;
  const auto category = column_index(table, chart.category);
  std::vector<std::size_t> columns;
  for (const std::string& key : chart.series)
    if (const auto i = column_index(table, key); i && is_numeric(table.columns[*i].type)) {
      if (columns.empty()) data.unit = table.columns[*i].type;
      columns.push_back(*i);
      data.series.push_back(Series{one_line(table.columns[*i].title), {}, {}});
    }
  for (const Row& row : table.rows) {
    if (row.kind != RowKind::Body) continue;
    const auto cell = [&](std::size_t i) { return i < row.cells.size() ? row.cells[i].value : CellValue{}; };
    data.categories.push_back(category ? one_line(cell_text(cell(*category), table.columns[*category])) : "");
    for (std::size_t s = 0; s < columns.size(); ++s) {
      const CellValue value = cell(columns[s]);
      data.series[s].values.push_back(numeric(value));
      data.series[s].exact.push_back(exact_text(value));
    }
  }
  return data;
}

// The lowest and highest value the plot must show (zero always included).
std::pair<double, double> value_range(const ChartData& data, bool stacked) {
  double lo = 0, hi = 0;
  for (std::size_t c = 0; c < data.categories.size(); ++c) {
    double below = 0, above = 0;
    for (const Series& s : data.series) {
      if (!s.values[c]) continue;
      const auto v = static_cast<double>(*s.values[c]);
      if (stacked) {
        (v < 0 ? below : above) += v;
      } else {
        below = std::min(below, v);
        above = std::max(above, v);
      }
    }
    lo = std::min(lo, below);
    hi = std::max(hi, above);
  }
  return {lo, hi};
}

// The smallest of 1, 2 or 5 times a power of ten that is at least `raw` (> 0).
double nice_at_least(double raw) {
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double r = raw / magnitude;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
}

// Round ticks, at most kMaxTicks intervals once the ends are snapped to them, never finer than
// one base unit (a penny, a count, 0.0001%).
Axis make_axis(double lo, double hi, ColumnType unit) {
  constexpr double kMaxTicks = 8;
  if (hi - lo < 1) hi = lo + (unit == ColumnType::Money ? 100 : unit == ColumnType::Percent ? 10000 : 1);
  double step = std::max(1.0, nice_at_least((hi - lo) / kMaxTicks));
  while (std::ceil(hi / step) - std::floor(lo / step) > kMaxTicks) step = nice_at_least(step * 1.5);
  return Axis{std::floor(lo / step) * step, std::ceil(hi / step) * step, step, unit};
}

// A tick's label: "£1.2m", "£500k", "-£2,500", "12.5%", "1,200". A suffix is used from £10k up.
std::string tick_label(double v, const Axis& axis) {
  const bool money = axis.unit == ColumnType::Money;
  const char* percent = axis.unit == ColumnType::Percent ? "%" : "";
  const double per = money ? 100.0 : axis.unit == ColumnType::Percent ? 10000.0 : 1.0;
  const double top = std::max(std::abs(axis.lo), std::abs(axis.hi)) / per;
  struct Scale { double factor; double from; const char* suffix; };
  constexpr std::array<Scale, 5> kScales = {{{1e12, 1e12, "tn"}, {1e9, 1e9, "bn"}, {1e6, 1e6, "m"}, {1e3, 1e4, "k"}, {1, 0, ""}}};
  Scale scale = kScales.back();
  if (axis.unit != ColumnType::Percent)
    for (const Scale& s : kScales)
      if (top >= s.from) { scale = s; break; }
  const double step = axis.step / per / scale.factor;
  const int decimals = step >= 1 ? 0 : std::min(4, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  const double shown = std::abs(v) / per / scale.factor;
  const std::string digits = decimals == 0 ? grouped_integer(static_cast<int64_t>(std::llround(shown)))
                                           : fmt::format("{:.{}f}", shown, decimals);
  if (digits.find_first_not_of("0.") == std::string::npos) return fmt::format("{}0{}", money ? "£" : "", percent);
  return fmt::format("{}{}{}{}{}", v < 0 ? "-" : "", money ? "£" : "", digits, scale.suffix, percent);
}

// At most `max_chars` characters of `text` (UTF-8 aware), with an ellipsis when cut.
std::string truncated(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars > max_chars) return text.substr(0, i) + "\u2026";
  }
  return text;
}

std::string colour(std::size_t series) { return std::string(kColours[series % kColours.size()]); }

void draw_grid(std::string& out, const Axis& axis) {
  out += "<g class=\"axis\" fill=\"#333\" text-anchor=\"end\">\n";
  const auto first = static_cast<long long>(std::llround(axis.lo / axis.step));
  const auto last = static_cast<long long>(std::llround(axis.hi / axis.step));
  for (long long k = first; k <= last && k - first <= 50; ++k) {
    const double v = static_cast<double>(k) * axis.step;
    const std::string y = num(axis.y(v));
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>", num(kLeft), y,
                       num(kLeft + kPlotWidth), y);
    out += fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.32em\">{}</text>\n", num(kLeft - 6), y,
                       escape_html(tick_label(v, axis)));
  }
  out += "</g>\n";
}

void draw_zero_line(std::string& out, const Axis& axis) {
  const std::string y = num(axis.y(0));
  out += fmt::format("<line class=\"zero\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#333\"/>\n", num(kLeft), y,
                     num(kLeft + kPlotWidth), y);
}

double band_width(const ChartData& data) { return kPlotWidth / static_cast<double>(data.categories.size()); }

std::string tooltip(const ChartData& data, std::size_t s, std::size_t c) {
  return escape_html(fmt::format("{}, {}: {}", data.categories[c], data.series[s].title, data.series[s].exact[c]));
}

void draw_rect(std::string& out, double x, double w, double from, double to, const std::string& fill,
               const std::string& title) {
  const double top = std::min(from, to);
  out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"0.5\">"
                     "<title>{}</title></rect>\n",
                     num(x), num(top), num(w), num(std::abs(to - from)), fill, title);
}

void draw_bars(std::string& out, const ChartData& data, const Axis& axis) {
  if (data.series.empty()) return;
  const double band = band_width(data);
  const double bar = band * 0.8 / static_cast<double>(data.series.size());
  out += "<g class=\"bars\">\n";
  for (std::size_t c = 0; c < data.categories.size(); ++c)
    for (std::size_t s = 0; s < data.series.size(); ++s) {
      if (!data.series[s].values[c]) continue;
      const double x = kLeft + band * static_cast<double>(c) + band * 0.1 + bar * static_cast<double>(s);
      const auto v = static_cast<double>(*data.series[s].values[c]);
      draw_rect(out, x, bar, axis.y(0), axis.y(v), colour(s), tooltip(data, s, c));
    }
  out += "</g>\n";
}

// Positive values stack up from zero, negative ones down from it.
void draw_stacked(std::string& out, const ChartData& data, const Axis& axis) {
  const double band = band_width(data);
  out += "<g class=\"bars\">\n";
  for (std::size_t c = 0; c < data.categories.size(); ++c) {
    double above = 0, below = 0;
    for (std::size_t s = 0; s < data.series.size(); ++s) {
      if (!data.series[s].values[c]) continue;
      const auto v = static_cast<double>(*data.series[s].values[c]);
      double& base = v < 0 ? below : above;
      draw_rect(out, kLeft + band * static_cast<double>(c) + band * 0.2, band * 0.6, axis.y(base), axis.y(base + v),
                colour(s), tooltip(data, s, c));
      base += v;
    }
  }
  out += "</g>\n";
}

// One path per series through the band centres, broken where a cell is empty.
void draw_lines(std::string& out, const ChartData& data, const Axis& axis) {
  const double band = band_width(data);
  out += "<g class=\"lines\">\n";
  for (std::size_t s = 0; s < data.series.size(); ++s) {
    std::string path, points;
    bool drawing = false;
    for (std::size_t c = 0; c < data.categories.size(); ++c) {
      const auto& v = data.series[s].values[c];
      if (!v) {
        drawing = false;
        continue;
      }
      const std::string x = num(kLeft + band * (static_cast<double>(c) + 0.5));
      const std::string y = num(axis.y(static_cast<double>(*v)));
      path += fmt::format("{}{} {} ", drawing ? "L" : "M", x, y);
      drawing = true;
      points += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{}\"><title>{}</title></circle>\n", x, y,
                            colour(s), tooltip(data, s, c));
    }
    const std::string_view dash = kDashes[s % kDashes.size()];
    if (!path.empty())
      out += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", path.substr(0, path.size() - 1),
                         colour(s), dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", dash));
    out += points;
  }
  out += "</g>\n";
}

// Labels turn when the bands are narrow; either way a long one is cut, its full text in a title.
double draw_categories(std::string& out, const ChartData& data) {
  if (data.categories.empty()) return 24;
  const double band = band_width(data);
  const bool turned = band < 48;
  const auto max_chars = turned ? std::size_t{16} : static_cast<std::size_t>(std::max(3.0, band / kCharWidth - 1));
  const double y = kTop + kPlotHeight + 14;
  out += fmt::format("<g class=\"categories\" fill=\"#333\" text-anchor=\"{}\">\n", turned ? "end" : "middle");
  for (std::size_t c = 0; c < data.categories.size(); ++c) {
    const std::string x = num(kLeft + band * (static_cast<double>(c) + 0.5));
    const std::string turn = turned ? fmt::format(" transform=\"rotate(-40 {} {})\"", x, num(y)) : "";
    out += fmt::format("<text x=\"{}\" y=\"{}\"{}><title>{}</title>{}</text>\n", x, num(y), turn,
                       escape_html(data.categories[c]), escape_html(truncated(data.categories[c], max_chars)));
  }
  out += "</g>\n";
  return turned ? 16 * kCharWidth * 0.65 + 20 : 24;
}

// The legend in rows under the plot; returns its height.
double draw_legend(std::string& out, const ChartData& data, bool lines, double top) {
  out += "<g class=\"legend\" fill=\"#333\">\n";
  double x = kLeft, y = top + 10;
  for (std::size_t s = 0; s < data.series.size(); ++s) {
    const std::string label = truncated(data.series[s].title, kMaxLegendChars);
    const double width = 22 + static_cast<double>(label.size()) * kCharWidth;
    if (x > kLeft && x + width > kWidth - kRight) {
      x = kLeft;
      y += 18;
    }
    const std::string_view dash = kDashes[s % kDashes.size()];
    if (lines)
      out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>", num(x), num(y),
                         num(x + 14), num(y), colour(s), dash.empty() ? "" : fmt::format(" stroke-dasharray=\"{}\"", dash));
    else
      out += fmt::format("<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>", num(x), num(y - 6), colour(s));
    out += fmt::format("<text x=\"{}\" y=\"{}\" dy=\"0.32em\"><title>{}</title>{}</text>\n", num(x + 18), num(y),
                       escape_html(data.series[s].title), escape_html(label));
    x += width + 14;
  }
  out += "</g>\n";
  return y - top + 14;
}

void draw_no_data(std::string& out) {
  out += fmt::format("<text class=\"no-data\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#666\">No data</text>\n",
                     num(kLeft + kPlotWidth / 2), num(kTop + kPlotHeight / 2));
}

}  // namespace

std::string chart_svg(const Chart& chart, const Table& table) {
  const ChartData data = read_data(chart, table);
  const bool stacked = chart.kind == ChartKind::StackedBar;
  const auto [lo, hi] = value_range(data, stacked);
  const Axis axis = make_axis(lo, hi, data.unit);
  // The plot is drawn first, then the svg element wrapped round it once its height is known.
  std::string body;
  draw_grid(body, axis);
  const bool empty = data.categories.empty() || data.series.empty();
  if (empty) draw_no_data(body);
  else if (chart.kind == ChartKind::Bar) draw_bars(body, data, axis);
  else if (stacked) draw_stacked(body, data, axis);
  else draw_lines(body, data, axis);
  draw_zero_line(body, axis);
  const double labels = draw_categories(body, data);
  const double legend = draw_legend(body, data, chart.kind == ChartKind::Line, kTop + kPlotHeight + labels);
  const double height = kTop + kPlotHeight + labels + legend + 8;
  const std::string title = escape_html(chart.title);
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-label=\"{2}\" font-family=\"sans-serif\" font-size=\"11\">\n<title>{2}</title>\n"
      "<desc>{3} chart of {4} categories and {5} series</desc>\n{6}</svg>",
      num(kWidth), num(height), title, chart_kind_name(chart.kind), data.categories.size(), data.series.size(), body);
}

}  // namespace collab::report
