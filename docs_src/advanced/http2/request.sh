curl --http2-prior-knowledge http://127.0.0.1:8000/hello
