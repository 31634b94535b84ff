// Replays a fuzz corpus through LLVMFuzzerTestOneInput without libFuzzer, so every build
// (g++ with the sanitizers included) runs the corpus as a regression test.
// Usage: client_frame_corpus_replay CORPUS_DIRECTORY; fails if the directory is missing or empty.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  if (argc != 2 || !std::filesystem::is_directory(argv[1])) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIRECTORY (an existing directory)\n";
    return 2;
  }
  // Sorted, so a failure replays in the same order every time.
  std::vector<std::filesystem::path> inputs;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());

  LLVMFuzzerInitialize(&argc, &argv);
  for (const auto& path : inputs) {
    // Named before it runs: if it aborts, the last name in the log is the culprit.
    std::cout << "input " << path.filename().string() << std::endl;
    std::ifstream file(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "replayed " << inputs.size() << " inputs\n";
  return inputs.empty() ? 1 : 0;  // an empty corpus means the test tests nothing
}
