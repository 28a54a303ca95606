curl -X POST 'http://127.0.0.1:8000/echo/ada?page=2' \
  -H 'content-type: application/json' -H 'User-Agent: curl/8.5.0' -b 'session=abc' \
  -d '{"hello": "world"}'
