import JSON
print("fcharness")
