/* Request counts and latency histograms per route, lock-free (relaxed
 * atomics), rendered in the Prometheus text format. */
#include <string.h>

#include "server/server_int.h"

const double srv_buckets[SRV_NBUCKETS] = {
	0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5
};

void srv_metrics_observe(mc_server *s, size_t route, int status, uint64_t usec)
{
	if (route > srv_nroutes)
		route = srv_nroutes;
	srv_route_stats *st = &s->stats[route];
	int cls = status / 100;
	atomic_fetch_add_explicit(&st->status[cls >= 1 && cls <= 5 ? cls : 0], 1, memory_order_relaxed);
	double sec = (double)usec / 1e6;
	size_t b = 0;
	while (b < SRV_NBUCKETS && sec > srv_buckets[b])
		b++;
	atomic_fetch_add_explicit(&st->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&st->sum_us, usec, memory_order_relaxed);
}

static const char *route_name(size_t i)
{
	return i < srv_nroutes ? srv_routes[i].name : "none";
}

int srv_metrics_render(mc_server *s, mc_buf *out)
{
	static const char *const cls[6] = { "other", "1xx", "2xx", "3xx", "4xx", "5xx" };
	int rc = 0;
	rc |= mc_buf_puts(out, "# HELP medcode_http_requests_total Requests answered, by route and status class.\n"
			       "# TYPE medcode_http_requests_total counter\n");
	for (size_t r = 0; r <= srv_nroutes; r++)
		for (int c = 0; c < 6; c++) {
			uint64_t v = atomic_load_explicit(&s->stats[r].status[c], memory_order_relaxed);
			if (v)
				rc |= mc_buf_printf(out, "medcode_http_requests_total{route=\"%s\",code=\"%s\"} %llu\n",
						    route_name(r), cls[c], (unsigned long long)v);
		}
	rc |= mc_buf_puts(out, "# HELP medcode_http_request_duration_seconds Time from request line to response sent.\n"
			       "# TYPE medcode_http_request_duration_seconds histogram\n");
	for (size_t r = 0; r <= srv_nroutes; r++) {
		uint64_t cum = 0;
		const char *name = route_name(r);
		for (size_t b = 0; b < SRV_NBUCKETS; b++) {
			cum += atomic_load_explicit(&s->stats[r].bucket[b], memory_order_relaxed);
			rc |= mc_buf_printf(out, "medcode_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
					    name, srv_buckets[b], (unsigned long long)cum);
		}
		cum += atomic_load_explicit(&s->stats[r].bucket[SRV_NBUCKETS], memory_order_relaxed);
		uint64_t sum = atomic_load_explicit(&s->stats[r].sum_us, memory_order_relaxed);
		rc |= mc_buf_printf(out, "medcode_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
				    "medcode_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
				    "medcode_http_request_duration_seconds_count{route=\"%s\"} %llu\n",
				    name, (unsigned long long)cum, name, (double)sum / 1e6, name,
				    (unsigned long long)cum);
	}
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double up = (double)(now.tv_sec - s->started.tv_sec) + (double)(now.tv_nsec - s->started.tv_nsec) / 1e9;
	rc |= mc_buf_printf(out, "# HELP medcode_http_requests_in_flight Requests being answered now.\n"
			    "# TYPE medcode_http_requests_in_flight gauge\n"
			    "medcode_http_requests_in_flight %d\n"
			    "# HELP medcode_uptime_seconds Seconds since the server was made.\n"
			    "# TYPE medcode_uptime_seconds gauge\n"
			    "medcode_uptime_seconds %.3f\n",
			    atomic_load(&s->inflight), up);
	if (s->cache) {
		uint64_t hits, misses;
		size_t entries, bytes;
		srv_cache_stats(s->cache, &hits, &misses, &entries, &bytes);
		rc |= mc_buf_printf(out, "# HELP medcode_http_cache_lookups_total Response cache look-ups by result.\n"
				    "# TYPE medcode_http_cache_lookups_total counter\n"
				    "medcode_http_cache_lookups_total{result=\"hit\"} %llu\n"
				    "medcode_http_cache_lookups_total{result=\"miss\"} %llu\n"
				    "# HELP medcode_http_cache_entries Answers held by the response cache.\n"
				    "# TYPE medcode_http_cache_entries gauge\n"
				    "medcode_http_cache_entries %zu\n"
				    "# HELP medcode_http_cache_bytes Bytes held by the response cache (cap %zu).\n"
				    "# TYPE medcode_http_cache_bytes gauge\n"
				    "medcode_http_cache_bytes %zu\n",
				    (unsigned long long)hits, (unsigned long long)misses, entries, s->o.cache_bytes, bytes);
	}
	return rc < 0 ? MC_ENOMEM : 0;
}
