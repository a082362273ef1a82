// The guides in docs/ show code that builds: every ```cpp, ```cmake and ```meson block of every
// docs/**/*.md page is, byte for byte, either a `// [guide:NAME]` region of a test in this folder
// (compiled and run by this binary) or an excerpt of a file that the build compiles or a
// consumer test runs (examples/, tests/consumers/). And every region here is shown by the guide
// its name starts with, so that neither side drifts from the other.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path const root(KAYAKO_PROJECT_ROOT);

std::string read_text(fs::path const& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

struct code_block {
    std::string page;  // relative to docs/
    std::size_t line = 0;
    std::string language;
    std::string text;  // without the fences, ending in '\n'
};

bool checked_language(std::string_view language) {
    return language == "cpp" || language == "cmake" || language == "meson";
}

// The fenced blocks of one Markdown page (``` at the start of a line opens and closes one).
std::vector<code_block> blocks_of(fs::path const& page) {
    std::vector<code_block> out;
    std::istringstream in(read_text(page));
    std::string line;
    std::size_t number = 0;
    std::optional<code_block> open;
    while (std::getline(in, line)) {
        ++number;
        if (line.starts_with("```")) {
            if (open) {
                out.push_back(std::move(*open));
                open.reset();
            } else {
                open.emplace();
                open->page = fs::relative(page, root / "docs").generic_string();
                open->line = number;
                open->language = line.substr(3);
            }
            continue;
        }
        if (open) open->text += line + '\n';
    }
    EXPECT_FALSE(open.has_value()) << page << ": a code block is never closed";
    return out;
}

std::vector<fs::path> pages() {
    std::vector<fs::path> out;
    if (!fs::is_directory(root / "docs")) return out;
    for (auto const& entry : fs::recursive_directory_iterator(root / "docs"))
        if (entry.is_regular_file() && entry.path().extension() == ".md") out.push_back(entry.path());
    return out;
}

// The `// [NAME]` ... `// [/NAME]` regions of this folder's tests, by name.
std::map<std::string, std::string> regions() {
    std::map<std::string, std::string> out;
    for (auto const& entry : fs::directory_iterator(root / "tests" / "guides")) {
        if (entry.path().extension() != ".cpp") continue;
        std::string const source = read_text(entry.path());
        std::size_t at = 0;
        while ((at = source.find("\n// [", at)) != std::string::npos) {
            std::size_t const name_end = source.find("]\n", at);
            if (name_end == std::string::npos) break;
            std::string const name = source.substr(at + 5, name_end - at - 5);
            at = name_end;
            if (name.starts_with("/") || name.find(':') == std::string::npos) continue;
            std::size_t const close = source.find("// [/" + name + "]\n", at);
            if (close == std::string::npos) {
                ADD_FAILURE() << entry.path() << ": region " << name << " is never closed";
                continue;
            }
            out[name] = source.substr(name_end + 2, close - name_end - 2);
        }
    }
    return out;
}

// Files a guide may quote an excerpt of: compiled by the build or run by a consumer test.
std::vector<std::string> quotable_sources() {
    std::vector<std::string> out;
    for (fs::path const& dir : {root / "examples", root / "tests" / "consumers"})
        for (auto const& entry : fs::recursive_directory_iterator(dir))
            if (entry.is_regular_file()) out.push_back(read_text(entry.path()));
    return out;
}

TEST(GuideSnippets, EveryCodeBlockOfTheGuidesIsCompiledOrRun) {
    auto const known = regions();
    auto const sources = quotable_sources();
    std::size_t checked = 0;
    for (auto const& page : pages()) {
        for (auto const& block : blocks_of(page)) {
            if (!checked_language(block.language)) continue;
            ++checked;
            bool found = false;
            for (auto const& [name, text] : known) found = found || text == block.text;
            for (auto const& source : sources) found = found || source.find(block.text) != std::string::npos;
            EXPECT_TRUE(found) << "docs/" << block.page << ":" << block.line << ": this ```" << block.language
                               << " block is neither a region of tests/guides/*.cpp nor an excerpt of examples/ "
                                  "or tests/consumers/:\n"
                               << block.text;
        }
    }
    EXPECT_GE(checked, 10u) << "the guides show code; fewer blocks than this means the pages were not found";
}

TEST(GuideSnippets, EveryRegionIsShownByItsGuide) {
    auto const known = regions();
    EXPECT_FALSE(known.empty());
    for (auto const& [name, text] : known) {
        std::string const guide = name.substr(0, name.find(':'));
        std::string const page = read_text(root / "docs" / (guide + ".md"));
        EXPECT_NE(page.find("```cpp\n" + text + "```\n"), std::string::npos)
            << "docs/" << guide << ".md does not show region " << name << " of tests/guides/ as it is";
    }
}

}  // namespace
