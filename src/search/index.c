/* Placeholder: the search index is built here (issue 3 replaces this). */
#include "medcode/search.h"

int mc_search_build(mc_store *s, mc_error *err)
{
	(void)s;
	(void)err;
	return 0;
}
