-- wrk script: POST the same JSON body every time (read-only POST endpoints such as counts).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_POST_BODY")
