// Fallback wrapper used only when /usr/bin/time is missing: runs wirecase's CLI exactly as bin/wirecase.js
// does, then reports its own peak RSS (process.resourceUsage().maxRSS, KB) on stdout as the last line.
// Usage: node bench/child-cli.js generate -q -i <spec> -o <dir>
const { main } = await import("../dist/generator/main.js");
const code = await main(process.argv.slice(2));
process.stdout.write(`\n${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;
