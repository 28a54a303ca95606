curl -F album=summer -F 'photos=@a.jpg;type=image/jpeg' http://127.0.0.1:8000/photos
