curl -i http://127.0.0.1:8000/page
curl -i http://127.0.0.1:8000/health
curl -i http://127.0.0.1:8000/old
curl -i http://127.0.0.1:8000/teapot
curl -i http://127.0.0.1:8000/report
curl -i http://127.0.0.1:8000/home
