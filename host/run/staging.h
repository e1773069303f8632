#pragma once
// Where a run writes before anyone may read it: DIR/.staging-<stamp>-<pid>, on the same file
// system as DIR/runs, every file written whole and synced. Nothing under DIR/runs or DIR/latest
// changes until promote(): one rename makes the run visible, a second swaps DIR/latest over it.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace collab::run {

/// "20261201T142500Z": the UTC time to the second, as runs/ names its folders (sorted by time).
std::string utc_stamp(std::chrono::system_clock::time_point time);
/// "2026-12-01T14:25:00.123Z", for the manifest and the logs.
std::string utc_time(std::chrono::system_clock::time_point time);

/// Why `dir` cannot take a run (missing, not a folder), or nullopt.
std::optional<std::string> out_folder_problem(const std::filesystem::path& dir);

/// Whether `relative` stays inside the folder it is joined to: relative, no "." or ".." part, and
/// every part made of letters, digits, '.', '-' and '_' only.
bool stays_inside(const std::string& relative);

class Staging {
 public:
  /// Makes DIR/.staging-<stamp>-<pid>.
  static Result<Staging> create(const std::filesystem::path& dir, const std::string& stamp);
  Staging(Staging&&) noexcept;
  Staging& operator=(Staging&&) = delete;
  Staging(const Staging&) = delete;
  ~Staging();  // removes the folder unless promoted

  const std::filesystem::path& path() const { return path_; }
  /// Writes `bytes` to `relative` (made with its folders; a new file, synced). Nullopt or what failed.
  std::optional<std::string> write(const std::string& relative, const std::string& bytes);
  /// The same for a writer that needs a path (libxlsxwriter): it fills the path it is given.
  std::optional<std::string> write_with(const std::string& relative,
                                        const std::function<std::optional<std::string>(const std::filesystem::path&)>& writer);
  /// Every file written so far, relative, sorted.
  std::vector<std::string> files() const;
  /// Syncs every folder of the staging tree (the files were synced as they were written).
  std::optional<std::string> sync_folders() const;
  /// Removes the folder now.
  void discard();

  /// Renames the staging folder to DIR/runs/<name> (the stamp, or stamp-2... if taken) and points
  /// DIR/latest at it (a new symlink renamed over the old). `promoted` is the run's folder name.
  std::optional<std::string> promote(const std::string& stamp, std::string& promoted);
  /// Renames the staging folder to DIR/runs/<name> without moving DIR/latest.
  std::optional<std::string> keep_aside(const std::string& stamp, std::string& kept);

 private:
  Staging(std::filesystem::path dir, std::filesystem::path path) : dir_(std::move(dir)), path_(std::move(path)) {}
  std::optional<std::string> move_into_runs(const std::string& stamp, std::string& name);
  std::filesystem::path dir_, path_;
  std::vector<std::string> files_;
  bool done_ = false;
};

/// Syncs a folder (after a rename in it). Nullopt or what failed.
std::optional<std::string> sync_folder(const std::filesystem::path& folder);

/// The run folder DIR/latest names ("20261201T142500Z"), if it names one under runs/.
std::optional<std::string> latest_run(const std::filesystem::path& dir);

/// Every folder under DIR/runs, oldest first.
std::vector<std::string> list_runs(const std::filesystem::path& dir);

/// What killed runs left: DIR/.staging-*, DIR/.trash-*, DIR/.latest-* (call with the lock held).
/// Returns the names removed.
std::vector<std::string> clean_leftovers(const std::filesystem::path& dir);

/// Removes the oldest runs beyond `keep`, never the one latest points at; each is renamed out of
/// runs/ first, so no half-removed run is ever visible. Returns the names removed.
std::vector<std::string> prune_runs(const std::filesystem::path& dir, int keep);

}  // namespace collab::run
