curl http://127.0.0.1:8000/items/headers \
  -H 'Host: example.com' \
  -H 'Save-Data: on' \
  -H 'X-Tag: new'
