/* conf.c: the nesting of YAML text, measured before libyaml parses it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "quire.h"

/*
 * libyaml takes time quadratic in the nesting of flow collections
 * ("[[[[..."): each token it scans walks the stack of the flow levels
 * open.  So measure the nesting with libyaml's own scanner, token by
 * token, and stop as soon as it passes max: the scan never holds more
 * than max + 1 levels, so it is linear, and it sees exactly what the
 * parser will (a quote inside a plain scalar, "it"s", opens nothing).
 * Block collections count too.  A scanner error is left for the
 * parser to report.
 *
 * Each level opens at an indicator, one level at most each: "[" or "{"
 * (flow), "-" (block sequence), ":" or "?" (block mapping).  Text with
 * no more than max of these bytes cannot go deeper than max, and most
 * front matter has a few dozen: it is not scanned at all.
 */
unsigned long
conf_flow_depth(const char *s, size_t n, int max)
{
	yaml_parser_t parser;
	yaml_token_t tok;
	unsigned long line = 0;
	size_t i, opens = 0;
	int depth = 0, done = 0;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '[': case '{': case '-': case ':': case '?':
			opens++;
			break;
		default:
			break;
		}
	if (opens <= (size_t)max)
		return 0;
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)s, n);
	while (!done) {
		if (!yaml_parser_scan(&parser, &tok))
			break;
		switch (tok.type) {
		case YAML_FLOW_SEQUENCE_START_TOKEN:
		case YAML_FLOW_MAPPING_START_TOKEN:
		case YAML_BLOCK_SEQUENCE_START_TOKEN:
		case YAML_BLOCK_MAPPING_START_TOKEN:
			if (++depth > max) {
				line = tok.start_mark.line + 1;
				done = 1;
			}
			break;
		case YAML_FLOW_SEQUENCE_END_TOKEN:
		case YAML_FLOW_MAPPING_END_TOKEN:
		case YAML_BLOCK_END_TOKEN:
			if (depth > 0)
				depth--;
			break;
		case YAML_STREAM_END_TOKEN:
			done = 1;
			break;
		default:
			break;
		}
		yaml_token_delete(&tok);
	}
	yaml_parser_delete(&parser);
	return line;
}
