// Where `hearth` keeps its login: $HEARTH_CONFIG_DIR, else $XDG_CONFIG_HOME/hearth, else
// ~/.config/hearth; the directory 0700, the file 0600 from the moment it exists.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace hearth::cli {

struct Credentials {
  std::string server;
  std::string handle;
  std::string token;  // raw 32 bytes in memory; hex in the file
};

std::filesystem::path config_dir();
// credentials.conf, or credentials-PROFILE.conf for --profile PROFILE.
std::filesystem::path credentials_path(const std::string& profile);

std::optional<Credentials> load_credentials(const std::filesystem::path& path);
// Writes atomically (temp file + rename). Returns false with `error` on failure.
bool save_credentials(const std::filesystem::path& path, const Credentials& credentials, std::string& error);
void forget_credentials(const std::filesystem::path& path);

}  // namespace hearth::cli
